using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GutImmune.Tests.Performance;

/// <summary>Records the SQL commands (text and parameter values) EF Core runs against one site's database while it is listening.</summary>
public sealed class SqlCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Command(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly List<Command> _commands = [];

    public SqlCommandRecorder(string database)
    {
        _database = database;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<Command> Commands
    {
        get
        {
            lock (_commands)
                return _commands.ToList();
        }
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_listeners)
                _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data
            && data.Connection.ConnectionString.Contains(_database, StringComparison.Ordinal)
            && !data.Command.CommandText.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
        {
            var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (_commands)
                _commands.Add(new Command(data.Command.CommandText, parameters));
        }
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
            _listeners.ForEach(l => l.Dispose());
    }
}

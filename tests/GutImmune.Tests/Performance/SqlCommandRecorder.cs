using System.Diagnostics;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Performance;

/// <summary>
/// Records the SQL commands (text and parameter values) EF Core runs against one site's database while it is listening.
/// The site must be a <see cref="Site"/>.
/// </summary>
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

    /// <summary>
    /// A site whose DbContexts tell a recorder of every command at once. EF Core decides whether anyone listens once a
    /// second per context (LoggingCacheTime), and the site's contexts are pooled: a recorder started just before a
    /// request would miss its commands.
    /// </summary>
    public class Site : GutImmuneFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services
                .ConfigureDbContext<SqliteGutImmuneDbContext>(options => options.ConfigureLoggingCacheTime(TimeSpan.Zero))
                .ConfigureDbContext<PostgresGutImmuneDbContext>(options => options.ConfigureLoggingCacheTime(TimeSpan.Zero)));
        }
    }
}

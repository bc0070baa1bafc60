using System.Collections.Concurrent;
using System.Diagnostics;

namespace GutImmune.Tests.Publishing;

/// <summary>
/// The site as README's first command runs it, `dotnet run --project src/GutImmune.Web`, from the repository root in the
/// configuration the tests were built in (so nothing is built again), with its output collected; stopped with its
/// child process when disposed.
/// </summary>
public sealed class DotnetRunSite : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private DotnetRunSite(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", $"run --no-build -c {configuration} --project src/GutImmune.Web")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public static DotnetRunSite Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>`dotnet run` itself; the site is its child process.</summary>
    public Process Process { get; }

    public IReadOnlyCollection<string> Log => _log;

    /// <summary>The output so far, for an assertion's message.</summary>
    public string Output => string.Join("\n", _log);

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
    }
}

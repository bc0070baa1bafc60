using System.Collections.Concurrent;
using System.Diagnostics;

namespace GutImmune.Tests.Publishing;

/// <summary>README's first command, `dotnet run --project src/GutImmune.Web`, listens where ASPNETCORE_URLS says.</summary>
public class ListeningAddressTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gutimmune-urls-");

    [Fact]
    public async Task Dotnet_run_listens_on_the_address_in_ASPNETCORE_URLS()
    {
        var address = $"http://127.0.0.1:{TestPorts.Free()}";
        // The configuration the tests were built in (bin/<configuration>/net10.0), so that nothing is built again.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", $"run --no-build -c {configuration} --project src/GutImmune.Web")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = address,
                ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_folder.FullName, "site.db")}",
            },
        };
        var log = new ConcurrentQueue<string>();
        using var site = Process.Start(start)!;
        site.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        site.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!log.Any(line => line.Contains("Now listening on")))
            {
                Assert.False(site.HasExited, "the site exited: " + string.Join("\n", log));
                Assert.True(DateTime.UtcNow < deadline, "the site did not start within 90 s: " + string.Join("\n", log));
                await Task.Delay(100);
            }
            Assert.Equal([$"Now listening on: {address}"], log.Where(line => line.Contains("Now listening on")).Select(line => line[line.IndexOf("Now listening on")..].Trim()));
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

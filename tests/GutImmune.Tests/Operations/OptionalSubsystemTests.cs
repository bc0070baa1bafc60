using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace GutImmune.Tests.Operations;

/// <summary>
/// A site on one instance without telemetry export never loads Redis's client or the OTLP exporter: their code is mapped
/// into the process only when configured. Observed in the process's memory map, so the site runs as its own process.
/// </summary>
public class OptionalSubsystemTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gutimmune-subsystems-");

    [Fact]
    public async Task A_site_without_Redis_or_an_OTLP_endpoint_maps_neither_client_while_serving_an_article()
    {
        var port = TestPorts.Free();
        // The configuration the tests were built in (bin/<configuration>/net10.0), so that nothing is built again.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", $"run --no-build -c {configuration} --project src/GutImmune.Web")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
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
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!await AnswersAsync(client, "/articles/gut-immune-system-connection"))
            {
                Assert.False(site.HasExited, "the site exited: " + string.Join("\n", log));
                Assert.True(DateTime.UtcNow < deadline, "the site did not answer within 90 s: " + string.Join("\n", log));
                await Task.Delay(200);
            }

            // `dotnet run` starts the site as its child process.
            var children = File.ReadAllText($"/proc/{site.Id}/task/{site.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var mapped = File.ReadAllText($"/proc/{Assert.Single(children)}/maps");

            Assert.Contains("GutImmune.Web.dll", mapped);
            Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
            Assert.DoesNotContain("OpenTelemetry.Exporter.OpenTelemetryProtocol.dll", mapped);
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        try
        {
            return (await client.GetAsync(path)).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

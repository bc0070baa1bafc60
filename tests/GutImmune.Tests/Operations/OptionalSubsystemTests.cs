using System.Net;
using GutImmune.Tests.Publishing;

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
        await using var site = DotnetRunSite.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_folder.FullName, "site.db")}",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await AnswersAsync(client, "/articles/gut-immune-system-connection"))
        {
            Assert.False(site.Process.HasExited, "the site exited: " + site.Output);
            Assert.True(DateTime.UtcNow < deadline, "the site did not answer within 90 s: " + site.Output);
            await Task.Delay(200);
        }

        // `dotnet run` starts the site as its child process.
        var children = File.ReadAllText($"/proc/{site.Process.Id}/task/{site.Process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var mapped = File.ReadAllText($"/proc/{Assert.Single(children)}/maps");

        Assert.Contains("GutImmune.Web.dll", mapped);
        Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
        Assert.DoesNotContain("OpenTelemetry.Exporter.OpenTelemetryProtocol.dll", mapped);
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

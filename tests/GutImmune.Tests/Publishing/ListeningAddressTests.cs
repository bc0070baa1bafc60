namespace GutImmune.Tests.Publishing;

/// <summary>README's first command, `dotnet run --project src/GutImmune.Web`, listens where ASPNETCORE_URLS says.</summary>
public class ListeningAddressTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gutimmune-urls-");

    [Fact]
    public async Task Dotnet_run_listens_on_the_address_in_ASPNETCORE_URLS()
    {
        var address = $"http://127.0.0.1:{TestPorts.Free()}";
        await using var site = DotnetRunSite.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_folder.FullName, "site.db")}",
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!site.Log.Any(line => line.Contains("Now listening on")))
        {
            Assert.False(site.Process.HasExited, "the site exited: " + site.Output);
            Assert.True(DateTime.UtcNow < deadline, "the site did not start within 90 s: " + site.Output);
            await Task.Delay(100);
        }
        Assert.Equal([$"Now listening on: {address}"], site.Log.Where(line => line.Contains("Now listening on")).Select(line => line[line.IndexOf("Now listening on")..].Trim()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace GutImmune.BrowserTests.Site;

/// <summary>
/// The real site on Kestrel at a free port of 127.0.0.1, so that a browser can reach it (the default TestServer lives
/// only in memory), over a temporary SQLite file (migrations applied, seed imported at start-up). The content root is
/// the repository root, where appsettings.json and wwwroot live.
/// </summary>
public sealed class LiveSite : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutimmune-browser-tests", Guid.NewGuid().ToString("N"));

    public LiveSite() => UseKestrel(port: 0);

    /// <summary>Where the site listens, e.g. <c>http://127.0.0.1:41234</c>; starts it on first use.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseContentRoot(TestPaths.RepositoryRoot);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "gutimmune.db")}");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Media:Folder", Path.Combine(_folder, "media"));
        // Every browser test signs in from 127.0.0.1; the sign-in rate limit is tested in GutImmune.Tests.
        builder.UseSetting("SignIn:AttemptsPerMinute", "10000");
        // Every page is rendered for 127.0.0.1 too; the limit on uncached renders is tested in GutImmune.Tests.
        builder.UseSetting("ReaderCache:UncachedRendersPerMinute", "0");
        // Likewise every review link it opens (the limit is tested in ReviewLinkTests).
        builder.UseSetting("Review:LinkRequestsPerMinute", "10000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

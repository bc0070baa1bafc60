using GutImmune.Tests.ScaleOut;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GutImmune.Tests.Web;

/// <summary>
/// The real site over HTTP on a temporary SQLite file (migrations applied, seed imported at start-up), or on a new
/// PostgreSQL database when GUTIMMUNE_TEST_DATABASE=Postgres. The content root is set to the repository root, where
/// appsettings.json and wwwroot live.
/// </summary>
public class GutImmuneFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gutimmune-tests", Guid.NewGuid().ToString("N"));
    private PostgresDatabase? _postgres;

    public string DatabasePath => Path.Combine(_folder, "gutimmune.db");

    /// <summary>The media library's files (the disk store), inside this site's temporary folder.</summary>
    public string MediaFolder => Path.Combine(_folder, "media");

    /// <summary>What names this site's database in its connection string: the SQLite file, or the PostgreSQL database.</summary>
    public string DatabaseName => _postgres?.Name ?? DatabasePath;

    /// <summary>Settings for this site only (e.g. tighter sign-in limits), applied like appsettings.json entries.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        // Every test signs in from the same (unknown) address; the limit itself is tested with a strict site.
        ["SignIn:AttemptsPerMinute"] = "10000",
        // Likewise every page a test reads is rendered for that one address; the limit is tested in CacheKeyTests.
        ["ReaderCache:UncachedRendersPerMinute"] = "0",
        // And every content API call comes without a key from that address; the limits are tested in ApiKeyTests.
        ["ContentApi:AnonymousRequestsPerMinute"] = "1000000",
        // And every review link it opens; the limit is tested in ReviewLinkTests.
        ["Review:LinkRequestsPerMinute"] = "10000",
        // Sites the tests run in Production would check the seed's reference links on the internet; LinkCheckTests run it.
        ["LinkCheck:Enabled"] = "false",
        // A second eviction seconds after a save would make another test's count of renders depend on timing;
        // RepeatedEvictionTests turns it on.
        ["ReaderCache:EvictAgainAfter"] = "00:00:00",
    };

    /// <summary>The clock the site runs on; tests move it to check scheduled publication and review dates.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Set to replace the system clock with <see cref="Clock"/>.</summary>
    public bool UseFakeClock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseContentRoot(TestPaths.RepositoryRoot);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath}");
        if (TestServices.EverySiteOnPostgres)
        {
            _postgres = new PostgresDatabase();
            foreach (var (key, value) in _postgres.SiteSettings)
                builder.UseSetting(key, value);
        }
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Media:Folder", MediaFolder);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (UseFakeClock)
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A browser-like client: HTTPS (auth cookies are Secure outside Development), cookies kept, redirects not followed.</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>
    /// A client whose requests carry credentials: the output cache neither serves nor stores them, so every request
    /// builds its page (the site ignores the header and answers the anonymous page).
    /// </summary>
    public HttpClient CreateUncachedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bench");
        return client;
    }

    /// <summary>Changes the title of what readers see of <paramref name="slug"/> in the database only: no cache is told.</summary>
    public Task RetitleEditionBehindTheSitesBackAsync(string slug, string title) =>
        WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.ReaderEditions.Where(e => e.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, title)));

    /// <summary>Runs <paramref name="work"/> with a scoped service, e.g. the DbContext, to arrange or inspect data.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}

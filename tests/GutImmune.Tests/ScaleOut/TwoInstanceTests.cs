using System.Diagnostics;
using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Reading;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// Two instances of the site, A and B, as a load balancer would have them: separate hosts (each with its own services,
/// so nothing in memory is shared) on one PostgreSQL database, and on one Redis unless told otherwise.
/// </summary>
public abstract class TwoInstances(bool withRedis) : IAsyncLifetime
{
    /// <summary>The Redis database these tests use (emptied first), apart from database 0 where anything else may be.</summary>
    private const int RedisDatabase = 1;

    private PostgresDatabase? _database;

    public PostgresSite A { get; private set; } = null!;
    public PostgresSite B { get; private set; } = null!;
    public string RedisConfiguration { get; } = $"{TestServices.Redis},defaultDatabase={RedisDatabase},allowAdmin=true";

    public async Task InitializeAsync()
    {
        if (TestServices.Postgres is null || TestServices.Redis is null)
            return;
        if (withRedis)
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration);
            await redis.GetServer(TestServices.Redis).FlushDatabaseAsync(RedisDatabase);
        }
        _database = new PostgresDatabase();
        // A Redis call slower than the default 250 ms counts as a fault, and each instance then caches in its own memory:
        // on a machine busy with the other tests that happened, and what these tests check was not what ran.
        A = new PostgresSite { SharedDatabase = _database, Redis = withRedis ? RedisConfiguration : null, Settings = { ["Redis:Timeout"] = "00:00:05" } };
        B = new PostgresSite { SharedDatabase = _database, Redis = withRedis ? RedisConfiguration : null, Settings = { ["Redis:Timeout"] = "00:00:05" } };
        // Both start at once on the empty database: they migrate and seed in turn, and neither fails.
        await Task.WhenAll(Task.Run(() => A.Services), Task.Run(() => B.Services));
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
            return;
        await A.DisposeAsync();
        await B.DisposeAsync();
        _database.Dispose();
    }

    public const string ArticleUrl = "/articles/gut-immune-system-connection";
    public const string OldFact = "Breastfeeding further nourishes";
    public const string NewFact = "Breastfeeding nourishes the infant gut microbiome.";

    private static readonly Uri Site = new("https://localhost");

    /// <summary>A browser behind the load balancer: one cookie jar, whichever instance answers.</summary>
    public static HttpClient BrowserOn(PostgresSite instance, CookieContainer cookies) =>
        instance.CreateDefaultClient(Site, new CookieContainerHandler(cookies));

    /// <summary>A reader on <paramref name="instance"/>, with no cookies, as the output cache wants.</summary>
    public static Task<string> ReadAsync(PostgresSite instance, string url = ArticleUrl) =>
        BrowserOn(instance, new CookieContainer()).GetStringAsync(url);

    /// <summary>Changes the title in the database without the site knowing: a page that does not show it came from a cache.</summary>
    /// <summary>Changes the title both in the article's working copy and in what readers see, without the sites knowing.</summary>
    public Task ChangeTitleBehindTheSitesBackAsync(string title) =>
        A.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.Articles.Where(a => a.Slug == "gut-immune-system-connection").ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, title))
            + await db.ReaderEditions.Where(e => e.Slug == "gut-immune-system-connection").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, title)));

    /// <summary>An editor signs in on A through the form, changes a fact of the seed article there and publishes the change.</summary>
    public async Task EditFactThroughAAsync()
    {
        var editor = new StaffSession(BrowserOn(A, new CookieContainer()));
        // Editor and Reviewer: the change is signed off before it is published.
        var (email, password) = await StaffSession.CreateAccountAsync(A, Roles.Editor, Roles.Reviewer);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SignInAsync(email, password)).StatusCode);
        // The seed article's page by its id: other tests of these instances add articles of their own, and retitle it.
        var seedId = await A.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Slug == "gut-immune-system-connection").Select(a => a.Id).SingleAsync());
        var adminUrl = $"/admin/articles/{seedId}";
        var sectionUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a").First(a => a.TextContent.Contains("Interesting Facts")).GetAttribute("href")!;
        var factUrl = (await editor.GetPageAsync(sectionUrl)).QuerySelectorAll("a").First(a => a.TextContent.Contains(OldFact)).GetAttribute("href")!;
        await editor.FollowAsync(await editor.SubmitAsync(factUrl, "main form", new() { ["Text"] = NewFact + "[2] (edited on instance A)" }));
        await editor.ReviewAndPublishAsync(adminUrl);
    }
}

public sealed class TwoInstancesOnOneRedis() : TwoInstances(withRedis: true);

public sealed class TwoInstancesWithoutRedis() : TwoInstances(withRedis: false);

public class TwoInstanceTests(TwoInstancesOnOneRedis sites) : IClassFixture<TwoInstancesOnOneRedis>
{
    [ServicesFact]
    public async Task An_edit_published_through_instance_A_is_read_from_instance_B_on_the_next_request()
    {
        var cached = await TwoInstances.ReadAsync(sites.B);
        Assert.Contains(TwoInstances.OldFact, cached);
        await sites.ChangeTitleBehindTheSitesBackAsync("Title changed behind the caches");
        // B serves the page from the output cache, and so does A: the cache is one, in Redis.
        Assert.Equal(cached, await TwoInstances.ReadAsync(sites.B));
        Assert.Equal(cached, await TwoInstances.ReadAsync(sites.A));

        await sites.EditFactThroughAAsync();

        var page = await TwoInstances.ReadAsync(sites.B);
        Assert.Contains(TwoInstances.NewFact, page);
        Assert.DoesNotContain(TwoInstances.OldFact, page);
        Assert.Contains("Title changed behind the caches", page);
    }

    [ServicesFact]
    public async Task Related_candidates_kept_through_instance_B_are_evicted_by_a_publication_on_instance_A()
    {
        string[] topics = ["two-instance-related"];
        var now = DateTime.UtcNow;
        await SyntheticArticles.CreateAsync(sites.A, "two-instance-first", "First of two instances", ArticleStatus.Published, now.AddDays(-3), topics);
        await SyntheticArticles.CreateAsync(sites.A, "two-instance-second", "Second of two instances", ArticleStatus.Published, now.AddDays(-2), topics);
        Assert.Contains("Second of two instances", await sites.B.CreateUncachedClient().GetStringAsync("/articles/two-instance-first"));

        await SyntheticArticles.CreateAsync(sites.A, "two-instance-new", "Published through A", ArticleStatus.Published, now.AddDays(-1), topics);

        // B never built the second page: without the eviction in Redis it would take the candidates the first page kept there.
        Assert.Contains("Published through A", await sites.B.CreateUncachedClient().GetStringAsync("/articles/two-instance-second"));
    }

    [ServicesFact]
    public async Task An_edition_kept_through_instance_B_is_evicted_by_a_publication_on_instance_A()
    {
        const string Url = "/articles/two-instance-kept-edition";
        var id = await SyntheticArticles.CreateAsync(sites.A, "two-instance-kept-edition", "Kept through B", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), []);
        var onB = sites.B.CreateUncachedClient();
        for (var reading = 0; reading < 2; reading++)
            Assert.Contains("<h1>Kept through B</h1>", await onB.GetStringAsync(Url));
        await sites.A.RetitleEditionBehindTheSitesBackAsync("two-instance-kept-edition", "Changed behind the caches");
        // A never read it: it takes the edition B kept in Redis.
        Assert.Contains("<h1>Kept through B</h1>", await sites.A.CreateUncachedClient().GetStringAsync(Url));

        var version = await sites.A.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        Assert.IsType<EditOutcome.Saved>(await sites.A.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.PublishAsync(id, version, () => "Retitled", article => { article.Title = "Published through A"; return null; }, null, default)));

        Assert.Contains("<h1>Published through A</h1>", await onB.GetStringAsync(Url));
    }

    [ServicesFact]
    public async Task A_session_signed_in_on_instance_A_is_signed_in_on_instance_B()
    {
        var cookies = new CookieContainer();
        var onA = new StaffSession(TwoInstances.BrowserOn(sites.A, cookies));
        var (email, password) = await StaffSession.CreateAccountAsync(sites.A, Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync(email, password)).StatusCode);

        var onB = new StaffSession(TwoInstances.BrowserOn(sites.B, cookies));
        var dashboard = await onB.GetPageAsync("/admin");
        Assert.NotNull(dashboard.QuerySelector("form[action='/admin/sign-out']"));
        // A form from B posts to B with the antiforgery cookie A set: B reads both (shared keys), and signs out.
        var signedOut = await onB.SubmitAsync(dashboard, "form[action='/admin/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var afterSignOut = await onA.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/admin/sign-in", afterSignOut.Headers.Location!.PathAndQuery);
    }

    [ServicesFact]
    public async Task Health_check_includes_redis()
    {
        var checks = sites.B.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        Assert.Equal(["database", "redis", "schema", "writable"], checks.Order());

        // On a loaded machine a slow Redis call of an earlier test can leave an eviction queued for a moment (Degraded), and a
        // check bounded to a second can time out (Unhealthy, 503): asked again, as a probe is, until it says Healthy.
        var asked = Stopwatch.StartNew();
        while (true)
        {
            using var response = await sites.B.CreateClient().GetAsync("/healthz");
            var health = await response.Content.ReadAsStringAsync();
            if (health == "Healthy" || asked.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("Healthy", health);
                break;
            }
            await Task.Delay(200);
        }
    }

    [ServicesFact]
    public async Task The_key_ring_lives_in_the_database_not_in_redis()
    {
        await sites.A.CreateClient().GetAsync("/admin/sign-in");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(sites.RedisConfiguration);
        Assert.False(await redis.GetDatabase().KeyExistsAsync("GutImmune:DataProtection-Keys"));
        Assert.NotEqual(0, await sites.A.WithServiceAsync<GutImmuneDbContext, int>(db => db.DataProtectionKeys.CountAsync()));
    }
}

/// <summary>The control: without Redis each instance caches in its own memory, which is why several instances need it.</summary>
public class TwoInstancesWithoutRedisTests(TwoInstancesWithoutRedis sites) : IClassFixture<TwoInstancesWithoutRedis>
{
    [ServicesFact]
    public async Task Without_redis_instance_B_keeps_serving_the_page_it_cached_before_the_edit_on_A()
    {
        Assert.Contains(TwoInstances.OldFact, await TwoInstances.ReadAsync(sites.B));

        await sites.EditFactThroughAAsync();

        Assert.Contains(TwoInstances.NewFact, await TwoInstances.ReadAsync(sites.A));
        Assert.Contains(TwoInstances.OldFact, await TwoInstances.ReadAsync(sites.B));
    }
}

using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using GutImmune.Web.ScaleOut;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// Two instances of the site, A and B, as a load balancer would have them: separate hosts (each with its own services,
/// so nothing in memory is shared) on one PostgreSQL database and one Redis.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
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
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration))
            await redis.GetServer(TestServices.Redis).FlushDatabaseAsync(RedisDatabase);
        _database = new PostgresDatabase();
        A = new PostgresSite { SharedDatabase = _database, Redis = RedisConfiguration };
        B = new PostgresSite { SharedDatabase = _database, Redis = RedisConfiguration };
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
}

public class TwoInstanceTests(TwoInstances sites) : IClassFixture<TwoInstances>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";
    private static readonly Uri Site = new("https://localhost");

    /// <summary>A browser behind the load balancer: one cookie jar, whichever instance answers.</summary>
    private static HttpClient BrowserOn(PostgresSite instance, CookieContainer cookies) =>
        instance.CreateDefaultClient(Site, new CookieContainerHandler(cookies));

    [ServicesFact]
    public async Task An_edit_published_through_instance_A_is_read_from_instance_B_on_the_next_request()
    {
        var reader = BrowserOn(sites.B, new CookieContainer());
        Assert.Contains("Breastfeeding further nourishes", await reader.GetStringAsync(ArticleUrl));

        var editor = new StaffSession(BrowserOn(sites.A, new CookieContainer()));
        var (email, password) = await StaffSession.CreateAccountAsync(sites.A, Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SignInAsync(email, password)).StatusCode);
        var articles = await editor.GetPageAsync("/admin/articles");
        var adminUrl = articles.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;
        var sectionUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a").First(a => a.TextContent.Contains("Interesting Facts")).GetAttribute("href")!;
        var factUrl = (await editor.GetPageAsync(sectionUrl)).QuerySelectorAll("a").First(a => a.TextContent.Contains("Breastfeeding further nourishes")).GetAttribute("href")!;
        await editor.FollowAsync(await editor.SubmitAsync(factUrl, "main form",
            new() { ["Text"] = "Breastfeeding nourishes the infant gut microbiome.[2] (edited on instance A)" }));

        var page = await reader.GetStringAsync(ArticleUrl);
        Assert.Contains("Breastfeeding nourishes the infant gut microbiome.", page);
        Assert.DoesNotContain("Breastfeeding further nourishes", page);
    }

    [ServicesFact]
    public async Task A_session_signed_in_on_instance_A_is_signed_in_on_instance_B()
    {
        var cookies = new CookieContainer();
        var onA = new StaffSession(BrowserOn(sites.A, cookies));
        var (email, password) = await StaffSession.CreateAccountAsync(sites.A, Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync(email, password)).StatusCode);

        var onB = new StaffSession(BrowserOn(sites.B, cookies));
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
    public async Task The_key_ring_lives_in_redis_not_in_the_database()
    {
        await sites.A.CreateClient().GetAsync("/admin/sign-in");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(sites.RedisConfiguration);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(ScaleOutServiceCollectionExtensions.DataProtectionKeysKey));
        Assert.Equal(0, await sites.A.WithServiceAsync<GutImmuneDbContext, int>(db => db.DataProtectionKeys.CountAsync()));
    }
}

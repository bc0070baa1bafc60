using System.Collections.Concurrent;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using GutImmune.Web.LinkChecking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.LinkChecking;

/// <summary>
/// The link checker against a real Kestrel server on 127.0.0.1 that answers 200, a redirect, 404, 500, a refused HEAD,
/// endless redirects, and never; the seed article's references are pointed at it, so nothing leaves the machine.
/// </summary>
public sealed class LinkCheckTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private string _base = "";
    private readonly ConcurrentQueue<string> _requests = new();
    private int _inFlight;
    private int _mostInFlight;

    public async Task InitializeAsync()
    {
        // No configuration file watchers: the machine's inotify instances are shared and few.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers.UserAgent}");
            var now = Interlocked.Increment(ref _inFlight);
            lock (_requests)
                _mostInFlight = Math.Max(_mostInFlight, now);
            try
            {
                // Long enough that the checker's requests to this one host overlap if it lets them.
                await Task.Delay(50);
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        _server.MapMethods("/ok", ["GET", "HEAD"], () => Results.Text("fine"));
        _server.MapMethods("/moved", ["GET", "HEAD"], () => Results.Redirect("/ok", permanent: true));
        _server.MapMethods("/missing", ["GET", "HEAD"], () => Results.NotFound());
        _server.MapMethods("/error", ["GET", "HEAD"], () => Results.StatusCode(500));
        _server.MapMethods("/no-head", ["HEAD"], () => Results.StatusCode(405));
        _server.MapGet("/no-head", () => Results.Text("GET only"));
        _server.MapMethods("/loop/{n:int}", ["GET", "HEAD"], (int n) => Results.Redirect($"/loop/{n + 1}"));
        _server.MapMethods("/never", ["GET", "HEAD"], async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private GutImmuneFactory Site(bool allowNonPublic) => new()
    {
        Settings =
        {
            ["LinkCheck:AllowNonPublicAddresses"] = allowNonPublic ? "true" : "false",
            // Short, for the unanswered address, yet long enough for a loaded machine to follow the redirect loop.
            ["LinkCheck:Timeout"] = "00:00:03",
            ["Site:BaseUrl"] = "https://gutimmune.example",
        },
    };

    /// <summary>Points the seed's references 1.. at the given paths of the test server, and takes away their DOIs.</summary>
    private async Task PointReferencesAtAsync(GutImmuneFactory site, params string[] paths)
    {
        await site.WithServiceAsync<GutImmuneDbContext, int>(async db =>
        {
            var citations = await db.Citations.OrderBy(c => c.ArticleId).ThenBy(c => c.Number).ToListAsync();
            for (var i = 0; i < citations.Count; i++)
            {
                citations[i].Doi = null;
                citations[i].Url = $"{_base}{paths[i % paths.Length]}";
            }
            return await db.SaveChangesAsync();
        });
    }

    private static Task<int> RunPassAsync(GutImmuneFactory site) => site.WithServiceAsync<LinkCheckRun, int>(run => run.CheckDueAsync(default));

    private static Task<Dictionary<string, LinkCheck>> ChecksAsync(GutImmuneFactory site) =>
        site.WithServiceAsync<GutImmuneDbContext, Dictionary<string, LinkCheck>>(db => db.LinkChecks.AsNoTracking().ToDictionaryAsync(c => new Uri(c.Address).PathAndQuery));

    [Fact]
    public async Task Each_answer_is_stored_with_status_final_address_redirects_and_error()
    {
        using var site = Site(allowNonPublic: true);
        await PointReferencesAtAsync(site, "/ok", "/moved", "/missing", "/error", "/no-head", "/never", "/loop/1");

        var started = DateTime.UtcNow;
        Assert.Equal(7, await RunPassAsync(site));
        var checks = await ChecksAsync(site);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the unanswered address is given up after LinkCheck:Timeout");
        Assert.Equal((200, null, $"{_base}/ok"), (checks["/ok"].StatusCode, checks["/ok"].Error, checks["/ok"].FinalAddress));
        Assert.Equal((200, $"{_base}/ok"), (checks["/moved"].StatusCode, checks["/moved"].FinalAddress));
        Assert.Equal([$"{_base}/ok"], checks["/moved"].Redirects);
        Assert.False(checks["/moved"].IsBroken);
        Assert.Equal(404, checks["/missing"].StatusCode);
        Assert.True(checks["/missing"].IsBroken);
        Assert.Equal(500, checks["/error"].StatusCode);
        Assert.Equal(200, checks["/no-head"].StatusCode);
        Assert.Null(checks["/never"].StatusCode);
        Assert.Equal("no answer within 3 s", checks["/never"].Error);
        Assert.Equal("more than 5 redirects", checks["/loop/1"].Error);
        Assert.Equal(5, checks["/loop/1"].Redirects.Count);
        Assert.All(checks.Values, c => Assert.InRange(c.CheckedAt, started.AddSeconds(-1), DateTime.UtcNow));

        var requests = _requests.ToList();
        Assert.Contains($"HEAD /no-head {LinkCheckingServiceCollectionExtensions.UserAgent(site.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>())}", requests);
        Assert.Contains(requests, r => r.StartsWith("GET /no-head "));
        Assert.DoesNotContain(requests, r => r.StartsWith("GET /ok ") || r.StartsWith("GET /missing "));
        Assert.All(requests, r => Assert.Contains("GutImmune-LinkChecker/1.0 (+https://gutimmune.example;", r));
        Assert.InRange(_mostInFlight, 1, 2);
    }

    [Fact]
    public async Task A_check_is_repeated_only_after_the_interval_and_a_link_no_reference_has_is_forgotten()
    {
        using var site = Site(allowNonPublic: true);
        await PointReferencesAtAsync(site, "/ok", "/missing");
        Assert.Equal(2, await RunPassAsync(site));

        Assert.Equal(0, await RunPassAsync(site));
        await PointReferencesAtAsync(site, "/ok");
        Assert.Equal(0, await RunPassAsync(site));

        Assert.Equal(["/ok"], (await ChecksAsync(site)).Keys);
    }

    [Fact]
    public async Task Admin_shows_each_reference_link_result_and_the_dashboard_lists_the_broken_ones()
    {
        using var site = Site(allowNonPublic: true);
        await PointReferencesAtAsync(site, "/ok", "/missing");
        await RunPassAsync(site);
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);

        var dashboard = await editor.Client.GetStringAsync("/admin");
        var edit = await editor.Client.GetStringAsync(adminUrl);

        Assert.Contains("Broken reference links", dashboard);
        Assert.Contains("4 broken links when last checked", dashboard);
        Assert.Contains($"reference 2</a>", dashboard);
        Assert.Contains($"{_base}/missing: 404 Not Found", dashboard);
        Assert.Contains("broken — 404 Not Found", edit);
        Assert.Contains("works — 200 OK", edit);
    }

    [Fact]
    public async Task The_broken_links_are_counted_in_the_database_and_only_the_first_ones_are_listed()
    {
        using var site = Site(allowNonPublic: true);
        await PointReferencesAtAsync(site, "/ok", "/missing");
        await RunPassAsync(site);

        var broken = await site.WithServiceAsync<LinkCheckReport, LinkCheckReport.BrokenLinks>(report => report.BrokenAsync(2, default));

        Assert.Equal(4, broken.Count);
        Assert.Equal([2, 4], broken.First.Select(b => b.ReferenceNumber));
        Assert.All(broken.First, b => Assert.Equal($"{_base}/missing", b.Address));
    }

    [Fact]
    public async Task A_loopback_address_is_refused_without_a_request_when_non_public_addresses_are_not_allowed()
    {
        using var site = Site(allowNonPublic: false);
        await PointReferencesAtAsync(site, "/ok");

        await RunPassAsync(site);

        var check = (await ChecksAsync(site))["/ok"];
        Assert.Null(check.StatusCode);
        Assert.Equal("not fetched: the address is not on the public internet", check.Error);
        Assert.Empty(_requests);
    }
}

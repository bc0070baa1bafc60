using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A client that asks for pages the output cache does not have (`?q=` values of its own, unknown slugs) gets a few
/// renders a minute, then 429; what the cache holds it is still served, and other clients are not affected.
/// </summary>
public class UncachedRenderLimitTests(UncachedRenderLimitTests.StrictSite site) : IClassFixture<UncachedRenderLimitTests.StrictSite>
{
    public sealed class StrictSite : ReaderSiteOnKestrel
    {
        public StrictSite() => Settings["ReaderCache:UncachedRendersPerMinute"] = "3";
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string url, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor); // from loopback, a trusted proxy: the client's address
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Renders_past_the_limit_are_refused_while_cached_pages_and_other_clients_are_served()
    {
        var client = site.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=immune"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=gut"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(client, "/articles/no-such-article"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=immune&utm_source=" + i));

        using var refused = await client.GetAsync("/search?q=cache-busting");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "/articles/another-missing-article"));

        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=gut"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "/search?q=cache-busting", forwardedFor: "198.51.100.7"));
    }
}

/// <summary>
/// A client past the limit asks again at once, thousands of times a second: each refusal must cost far less than the
/// render it saves, so it renders no page (not even the error page) and writes no log line; one warning counts them.
/// </summary>
public class UncachedRenderRefusalTests(UncachedRenderRefusalTests.LoggedStrictSite site) : IClassFixture<UncachedRenderRefusalTests.LoggedStrictSite>
{
    public sealed class LoggedStrictSite : ReaderSiteOnKestrel
    {
        public List<LogEvent> Log { get; } = [];

        public LoggedStrictSite()
        {
            Settings["ReaderCache:UncachedRendersPerMinute"] = "3";
            Settings["Serilog:MinimumLevel:Default"] = "Information";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }
    }

    [Fact]
    public async Task Refusals_render_no_page_and_are_counted_in_one_warning_instead_of_a_log_line_each()
    {
        var client = site.CreateHttpClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/search?q=allowed{i}")).StatusCode);
        lock (site.Log)
            site.Log.Clear();
        var renders = site.Renders;

        for (var i = 0; i < 5; i++)
        {
            using var refused = await client.GetAsync($"/search?q=refused{i}");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal("text/plain", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("try again", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(renders, site.Renders);
        List<LogEvent> logged;
        lock (site.Log)
            logged = site.Log.ToList();
        Assert.DoesNotContain(logged, e => e.Properties.TryGetValue("StatusCode", out var status) && status.ToString() == "429");
        var warning = Assert.Single(logged, e => e.Level == LogEventLevel.Warning);
        Assert.Equal("1", warning.Properties["Refused"].ToString());
    }
}

/// <summary>
/// The warning that counts refusals comes at the first refusal, then when each minute ends with that minute's refusals
/// (not at the next refusal), and at stop with those not yet told: on a clock the test controls, on a site of its own
/// (it is stopped).
/// </summary>
public class UncachedRenderWarningTests
{
    private sealed class ClockedStrictSite : ReaderSiteOnKestrel
    {
        public List<LogEvent> Log { get; } = [];

        public ClockedStrictSite()
        {
            UseFakeClock = true;
            Settings["ReaderCache:UncachedRendersPerMinute"] = "1";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }

        public List<string> RefusalCounts()
        {
            lock (Log)
                return Log.Where(e => e.Properties.ContainsKey("Refused")).Select(e => e.Properties["Refused"].ToString()).ToList();
        }
    }

    /// <summary>Asks for new pages until <paramref name="times"/> are refused (the limiter's minute is a real one: a new one lets one through).</summary>
    private static async Task RefuseAsync(HttpClient client, int times)
    {
        var refused = 0;
        for (var asked = 0; refused < times; asked++)
        {
            Assert.True(asked < times + 10, $"{refused} of {asked} requests refused");
            using var response = await client.GetAsync($"/search?q=refused-{Guid.NewGuid():N}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused++;
        }
    }

    [Fact]
    public async Task Refusals_are_counted_at_the_first_then_when_each_minute_ends_and_at_stop()
    {
        var site = new ClockedStrictSite();
        try
        {
            var client = site.CreateHttpClient();
            await RefuseAsync(client, 5);
            Assert.Equal(["1"], site.RefusalCounts());

            site.Clock.Advance(RefusalWarnings.Interval);
            Assert.Equal(["1", "4"], site.RefusalCounts());

            await RefuseAsync(client, 2);
            site.Clock.Advance(RefusalWarnings.Interval);
            Assert.Equal(["1", "4", "2"], site.RefusalCounts());

            site.Clock.Advance(RefusalWarnings.Interval);
            Assert.Equal(["1", "4", "2"], site.RefusalCounts());

            await RefuseAsync(client, 3);
            Assert.Equal(["1", "4", "2", "1"], site.RefusalCounts());
        }
        finally
        {
            await site.DisposeAsync();
        }
        Assert.Equal(["1", "4", "2", "1", "2"], site.RefusalCounts());
    }
}

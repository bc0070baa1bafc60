using System.Net;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Caching;

/// <summary>
/// Many clients, each under its own limit, asking for pages the output cache does not have: the site renders at most
/// `ReaderCache:UncachedRendersAtOnce` of them at once, queues a few more, and answers the rest 503 with Retry-After
/// and a page saying it is busy; pages the cache holds are served meanwhile. Renders are held in progress by an action
/// filter of the test's (searches for words starting "held"), as long as the test wants.
/// </summary>
public abstract class HeldRendersSite : ReaderSiteOnKestrel
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public List<LogEvent> Log { get; } = [];

    /// <summary>Renders held so far (started, not released).</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _release.TrySetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.Configure<MvcOptions>(options => options.Filters.Add(new Hold(this)));
            services.AddSingleton<ILogEventSink>(new ListSink(Log));
        });
    }

    private sealed class Hold(HeldRendersSite site) : IAsyncActionFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (context.HttpContext.Request.Query["q"].ToString().StartsWith("held", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref site._held);
                await site._release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            await next();
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> searches that are held when their render starts, for words with a space and an
    /// ampersand, escaped as a link to them must be.
    /// </summary>
    public List<Task<HttpResponseMessage>> StartHeldSearches(HttpClient client, int count)
    {
        var searches = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < count; i++)
            searches.Add(client.GetAsync($"/search?q=held{i}%20gut%20%26%20immune"));
        return searches;
    }
}

public class ConcurrentRenderLimitTests(ConcurrentRenderLimitTests.OneAtOnceSite site) : IClassFixture<ConcurrentRenderLimitTests.OneAtOnceSite>
{
    public sealed class OneAtOnceSite : HeldRendersSite
    {
        public OneAtOnceSite() => Settings["ReaderCache:UncachedRendersAtOnce"] = "1";
    }

    private const int Refusals = 5;

    /// <summary>The first <paramref name="count"/> of the searches to be answered, within 30 s.</summary>
    private static async Task<List<HttpResponseMessage>> FirstAnsweredAsync(List<Task<HttpResponseMessage>> searches, int count)
    {
        var waiting = searches.Cast<Task>().ToList();
        var timeout = Task.Delay(TimeSpan.FromSeconds(30));
        var answered = new List<HttpResponseMessage>();
        while (answered.Count < count && await Task.WhenAny([.. waiting, timeout]) is var done && done != timeout)
        {
            waiting.Remove(done);
            answered.Add(await (Task<HttpResponseMessage>)done);
        }
        return answered;
    }

    [Fact]
    public async Task With_renders_in_progress_and_queued_another_render_is_refused_while_cached_pages_are_served()
    {
        var client = site.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=gut")).StatusCode);

        // One render in progress and its queue, whichever of these come first; no render ends until released.
        var rendersAndQueue = 1 + ConcurrentRenderLimit.QueuedPerRender;
        var held = site.StartHeldSearches(client, rendersAndQueue + Refusals);
        try
        {
            var refused = await FirstAnsweredAsync(held, Refusals);
            Assert.Equal(Refusals, refused.Count);
            foreach (var response in refused)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(ConcurrentRenderLimit.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                var page = await response.Content.ReadAsStringAsync();
                Assert.Contains("The site is busy", page);
                Assert.Contains($"try again in {ConcurrentRenderLimit.RetryAfterSeconds} seconds", page);
                var retry = new HtmlParser().ParseDocument(page).QuerySelectorAll("main a").Single(a => a.TextContent == "Try this page again");
                Assert.Equal(response.RequestMessage!.RequestUri!.PathAndQuery, retry.GetAttribute("href"));
            }

            using var refusedApiCall = await client.GetAsync("/api/v1/articles");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedApiCall.StatusCode);
            Assert.Equal("application/problem+json", refusedApiCall.Content.Headers.ContentType?.MediaType);
            Assert.Contains("busy", await refusedApiCall.Content.ReadAsStringAsync());

            var cached = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.GetAsync(i % 2 == 0 ? "/" : "/search?q=gut")));
            Assert.All(cached, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        }
        finally
        {
            site.Release();
        }
        var rendered = (await Task.WhenAll(held)).Where(response => response.StatusCode == HttpStatusCode.OK);
        Assert.Equal(rendersAndQueue, rendered.Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=after")).StatusCode);

        List<LogEvent> logged;
        lock (site.Log)
            logged = site.Log.ToList();
        var warning = Assert.Single(logged, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.Contains("UncachedRendersAtOnce"));
        // At once for the first refusal, and those refused at the same moment; the rest when the minute ends.
        Assert.InRange(int.Parse(warning.Properties["Refused"].ToString()), 1, Refusals);
        Assert.DoesNotContain(logged, e => e.Properties.TryGetValue("StatusCode", out var status) && status.ToString() == "503");
    }
}

public class ConcurrentRenderLimitOffTests(ConcurrentRenderLimitOffTests.UnlimitedSite site) : IClassFixture<ConcurrentRenderLimitOffTests.UnlimitedSite>
{
    public sealed class UnlimitedSite : HeldRendersSite
    {
        public UnlimitedSite() => Settings["ReaderCache:UncachedRendersAtOnce"] = "0";
    }

    [Fact]
    public async Task With_the_limit_off_no_render_is_refused()
    {
        var client = site.CreateHttpClient();
        var held = site.StartHeldSearches(client, 2 + ConcurrentRenderLimit.QueuedPerRender);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (site.Held < held.Count && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            Assert.Equal(held.Count, site.Held);
            var others = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.GetAsync($"/search?q=other{i}")));
            Assert.All(others, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        }
        finally
        {
            site.Release();
        }
        Assert.All(await Task.WhenAll(held), response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }
}

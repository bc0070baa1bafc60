using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GutImmune.Tests.Operations;

/// <summary>
/// Traces and metrics as OpenTelemetry exports them: the site's spans and metrics are read from the in-memory exporter,
/// and /metrics as Prometheus scrapes it. OpenTelemetry listens to meters and activity sources by name across the whole
/// process, so these tests run alone: another test's site saving or searching meanwhile would be counted here too.
/// </summary>
[Collection(nameof(TelemetryTests))]
public class TelemetryTests
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    /// <summary>Requests carrying this header come from the address it names (the test server gives none).</summary>
    private const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The site with its telemetry exported to lists the test reads, and clients at addresses of the test's choosing.</summary>
    private sealed class ObservedSite : GutImmuneFactory
    {
        public LockedCollection<Activity> Spans { get; } = new();
        public LockedCollection<MetricSnapshot> Metrics { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                // Metrics are read when the test flushes them, not on a timer.
                services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
                    .WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics,
                        reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue));
                services.AddTransient<IStartupFilter, ClientAddress>();
            });
        }

        /// <summary>The total of a counter, a histogram's count or a gauge's value over the points with <paramref name="tag"/>, as of now.</summary>
        public long Total(string metric, (string Key, string Value)? tag = null)
        {
            Services.GetRequiredService<MeterProvider>().ForceFlush();
            var latest = Metrics.Snapshot().LastOrDefault(m => m.Name == metric);
            if (latest is null)
                return 0;
            long total = 0;
            foreach (var point in latest.MetricPoints)
            {
                if (tag is { } wanted && !HasTag(point, wanted.Key, wanted.Value))
                    continue;
                total += latest.MetricType switch
                {
                    MetricType.Histogram => point.GetHistogramCount(),
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    _ => point.GetSumLong(),
                };
            }
            return total;
        }

        private static bool HasTag(MetricPoint point, string key, string value)
        {
            foreach (var tag in point.Tags)
                if (tag.Key == key && Equals(tag.Value, value))
                    return true;
            return false;
        }

        /// <summary>
        /// The spans recorded so far that match. A request's span ends as the server finishes the request, which may be
        /// just after the client has the response: wait for it, up to 5 s (Redis commands: the instrumentation turns them
        /// into spans every 10 s).
        /// </summary>
        public async Task<IReadOnlyList<Activity>> SpansAsync(Func<Activity, bool> match, int waitSeconds = 5)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var found = Spans.Snapshot().Where(match).ToList();
                if (found.Count > 0 || deadline.Elapsed > TimeSpan.FromSeconds(waitSeconds))
                    return found;
                await Task.Delay(20);
            }
        }

        public HttpClient CreateClientAt(string address)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
            return client;
        }
    }

    /// <summary>Sets the client's address from the test's header, loopback without it: what Kestrel would report.</summary>
    private sealed class ClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(ClientAddressHeader, out var address)
                    ? IPAddress.Parse(address.ToString())
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A collection the exporters add to while the test reads it.</summary>
    private sealed class LockedCollection<T> : Collection<T>
    {
        protected override void InsertItem(int index, T item)
        {
            lock (this)
                base.InsertItem(index, item);
        }

        public T[] Snapshot()
        {
            lock (this)
                return [.. this];
        }
    }

    /// <summary>An OTLP/HTTP receiver (a collector, as far as the site can tell) on a free port of 127.0.0.1: records what is posted where.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _server;
        private readonly LockedCollection<string> _received = new();

        public OtlpReceiver()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            _server = builder.Build();
            // An empty body is an empty Export*ServiceResponse: everything accepted.
            _server.MapPost("/v1/{signal}", (HttpContext context, string signal) =>
            {
                _received.Add($"{signal} {context.Request.ContentType}");
                return Results.Bytes([], "application/x-protobuf");
            });
            _server.StartAsync().GetAwaiter().GetResult();
            Url = _server.Urls.Single();
        }

        public string Url { get; }

        /// <summary>"traces application/x-protobuf" and the like, one per export received.</summary>
        public string[] Received => _received.Snapshot();

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    [Fact]
    public async Task Without_an_endpoint_no_spans_are_made_and_with_one_traces_and_metrics_are_sent_over_OTLP()
    {
        using (var plain = new GutImmuneFactory())
            Assert.Null(plain.Services.GetService<TracerProvider>());

        await using var collector = new OtlpReceiver();
        using var site = new GutImmuneFactory
        {
            Settings = { ["OpenTelemetry:Endpoint"] = collector.Url, ["OpenTelemetry:Protocol"] = "http/protobuf" },
        };
        await site.CreateClient().GetStringAsync(ArticleUrl);
        Assert.True(site.Services.GetRequiredService<TracerProvider>().ForceFlush(5000));
        // Not asserted: the Prometheus reader, which only collects when scraped, answers false.
        site.Services.GetRequiredService<MeterProvider>().ForceFlush(5000);

        Assert.Contains("traces application/x-protobuf", collector.Received);
        Assert.Contains("metrics application/x-protobuf", collector.Received);
    }

    [RedisServerFact]
    public async Task With_redis_its_commands_are_traced_and_its_loss_shows_as_the_fallback_gauge()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        // A loaded machine can take longer than the default bound on a healthy Redis, which would count as its loss.
        using var site = new ObservedSite { Settings = { ["Redis:Configuration"] = redis.Address, ["Redis:Timeout"] = "00:00:05" } };

        await site.CreateClient().GetStringAsync(ArticleUrl);
        Assert.NotEmpty(await site.SpansAsync(span => span.Source.Name == "OpenTelemetry.Instrumentation.StackExchangeRedis", waitSeconds: 15));
        Assert.Equal(0, site.Total(SiteMetrics.Names.RedisFallback));

        await redis.StopAsync();
        // The circuit opens after two failed calls; each page read makes at least one.
        for (var read = 0; read < 4 && site.Total(SiteMetrics.Names.RedisFallback) == 0; read++)
            await site.CreateClient().GetStringAsync(ArticleUrl + (read % 2 == 0 ? "" : "/introduction"));

        Assert.Equal(1, site.Total(SiteMetrics.Names.RedisFallback));
        Assert.Matches(@"(?m)^gutimmune_redis_fallback(\{[^}]*\})? 1( |$)", await site.CreateClient().GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_reader_page_makes_an_ASP_NET_Core_span_with_its_route_and_EF_Core_spans_for_its_queries()
    {
        using var site = new ObservedSite();

        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(ArticleUrl)).StatusCode);

        var request = Assert.Single(await site.SpansAsync(span => span.Source.Name == "Microsoft.AspNetCore"
            && span.GetTagItem("url.path") as string == ArticleUrl));
        Assert.Equal("articles/{slug}", request.GetTagItem("http.route"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        var queries = await site.SpansAsync(span => span.Source.Name == "OpenTelemetry.Instrumentation.EntityFrameworkCore"
            && span.TraceId == request.TraceId);
        Assert.NotEmpty(queries);
    }

    [Fact]
    public async Task Health_probes_and_scrapes_make_no_spans()
    {
        using var site = new ObservedSite();

        await site.CreateClient().GetAsync("/healthz/live");
        await site.CreateClient().GetAsync("/metrics");
        await site.CreateClient().GetAsync(ArticleUrl);

        await site.SpansAsync(span => span.GetTagItem("url.path") as string == ArticleUrl);
        Assert.DoesNotContain(site.Spans.Snapshot(), span => span.GetTagItem("url.path") is "/healthz/live" or "/metrics");
    }

    [Fact]
    public async Task A_cache_miss_and_then_a_hit_are_counted_for_the_kind_of_page()
    {
        using var site = new ObservedSite();
        var article = ("gutimmune.page.kind", "article");

        await site.CreateClient().GetStringAsync(ArticleUrl);
        Assert.Equal(1, site.Total(SiteMetrics.Names.OutputCacheMisses, article));
        Assert.Equal(0, site.Total(SiteMetrics.Names.OutputCacheHits, article));

        // The output cache stores a page after its body has gone out, so a read at once may come before it is stored
        // (and pass the cache by); the next ones are hits.
        for (var read = 0; read < 10 && site.Total(SiteMetrics.Names.OutputCacheHits, article) == 0; read++)
            await site.CreateClient().GetStringAsync(ArticleUrl);
        Assert.Equal(1, site.Total(SiteMetrics.Names.OutputCacheMisses, article));
        Assert.Equal(1, site.Total(SiteMetrics.Names.OutputCacheHits, article));

        await site.CreateClient().GetStringAsync("/");
        Assert.Equal(1, site.Total(SiteMetrics.Names.OutputCacheMisses, ("gutimmune.page.kind", "listing")));
    }

    [Fact]
    public async Task Saves_are_counted_by_outcome_and_searches_are_timed()
    {
        using var site = new ObservedSite();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var form = await editor.GetPageAsync(adminUrl);
        var selector = $"form[action='{adminUrl}']";
        // The seed's import at start is a save too, counted or not depending on when the exporter began to listen.
        var savedBefore = site.Total(SiteMetrics.Names.ArticleSaves, ("gutimmune.save.outcome", "saved"));

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, selector, new() { ["Title"] = "Counted as saved" }));
        // The same form again: it started from the version before that save and changes the same field.
        Assert.Equal(HttpStatusCode.Conflict, (await editor.SubmitAsync(form, selector, new() { ["Title"] = "Counted as a conflict" })).StatusCode);
        await site.CreateClient().GetStringAsync("/search?q=immune");

        Assert.Equal(savedBefore + 1, site.Total(SiteMetrics.Names.ArticleSaves, ("gutimmune.save.outcome", "saved")));
        Assert.Equal(1, site.Total(SiteMetrics.Names.ArticleSaves, ("gutimmune.save.outcome", "conflict")));
        Assert.Equal(1, site.Total(SiteMetrics.Names.SearchDuration));
    }

    [Fact]
    public async Task Metrics_answers_Prometheus_text_to_loopback_and_404_to_any_other_network()
    {
        using var site = new ObservedSite();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = "Saved for the scrape" }));
        await site.CreateClient().GetStringAsync(ArticleUrl);
        await site.CreateClient().GetStringAsync(ArticleUrl);
        await site.CreateClient().GetStringAsync("/search?q=immune");

        var scrape = await site.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.ToString());
        Assert.Null(scrape.Headers.Age);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("gutimmune_output_cache_hits_total{", text);
        Assert.Contains("gutimmune_output_cache_misses_total{", text);
        Assert.Contains("gutimmune_article_saves_total{", text);
        Assert.Contains("gutimmune_save_outcome=\"saved\"", text);
        Assert.Contains("gutimmune_search_duration_seconds_bucket{", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        Assert.Contains("process_", text);
        Assert.Contains("dotnet_", text);

        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClientAt("203.0.113.7").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClientAt("::ffff:203.0.113.7").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClientAt("::1").GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_leave_out_Kestrels_memory_pool_and_keep_its_connections()
    {
        using var site = new ObservedSite();
        site.UseKestrel(0);
        site.StartServer();
        var client = site.CreateClient();
        await client.GetStringAsync(ArticleUrl);

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("kestrel_active_connections{", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        Assert.DoesNotContain("aspnetcore_memory_pool", text);
    }

    [Fact]
    public async Task A_request_without_a_cookie_asks_no_authentication_handler_and_an_editors_request_does()
    {
        const string authentications = "aspnetcore.authentication.authenticate.duration";
        using var site = new ObservedSite();
        var anonymous = site.CreateClient(new() { AllowAutoRedirect = false });

        await anonymous.GetStringAsync(ArticleUrl);
        var adminPage = await anonymous.GetAsync("/admin/articles");

        Assert.Equal(0, site.Total(authentications));
        Assert.Equal(HttpStatusCode.Redirect, adminPage.StatusCode);
        Assert.Contains("/admin/sign-in?ReturnUrl=", adminPage.Headers.Location?.OriginalString);

        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var before = site.Total(authentications);
        await editor.GetPageAsync("/admin/articles");
        Assert.True(site.Total(authentications) > before);
    }

    [Fact]
    public void A_metrics_network_that_is_not_one_stops_the_site_with_a_message_naming_the_setting()
    {
        using var site = new GutImmuneFactory { Settings = { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/33" } };

        var refused = Assert.ThrowsAny<Exception>(() => site.Services);

        Assert.Contains("Metrics:AllowedNetworks must be networks in CIDR form", refused.ToString());
    }

    [Fact]
    public async Task Metrics_answers_the_configured_networks_only()
    {
        using var site = new ObservedSite();
        site.Settings["Metrics:AllowedNetworks:0"] = "10.20.0.0/16";

        Assert.Equal(HttpStatusCode.OK, (await site.CreateClientAt("10.20.3.4").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClientAt("::ffff:10.20.3.4").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClientAt("10.21.0.1").GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync("/metrics")).StatusCode);
    }
}

[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;

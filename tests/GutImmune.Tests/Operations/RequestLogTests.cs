using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Operations;

/// <summary>Every request leaves one event in the log, with what an operator looks for.</summary>
public class RequestLogTests
{
    /// <summary>The site with the production log levels (appsettings.json) and a log the test reads.</summary>
    private sealed class LoggedSite : GutImmuneFactory
    {
        public List<LogEvent> Log { get; } = [];

        public LoggedSite() => Settings["Serilog:MinimumLevel:Default"] = "Information";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }
    }

    [Fact]
    public async Task A_request_is_logged_with_method_path_status_elapsed_time_and_trace_id()
    {
        using var site = new LoggedSite();

        await site.CreateClient().GetAsync("/articles/gut-immune-system-connection");
        await site.CreateClient().GetAsync("/no-such-page");

        List<LogEvent> requests;
        lock (site.Log)
            requests = [.. site.Log.Where(e => e.Properties.ContainsKey("RequestMethod"))];
        var article = Assert.Single(requests, e => e.Properties["RequestPath"].ToString() == "\"/articles/gut-immune-system-connection\"");
        Assert.Equal(LogEventLevel.Information, article.Level);
        Assert.Equal("\"GET\"", article.Properties["RequestMethod"].ToString());
        Assert.Equal("200", article.Properties["StatusCode"].ToString());
        Assert.True(double.Parse(article.Properties["Elapsed"].ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(article.TraceId);
        Assert.Contains(requests, e => e.Properties["StatusCode"].ToString() == "404");
    }

    [Fact]
    public async Task A_review_link_request_is_logged_without_its_token()
    {
        using var site = new LoggedSite();
        const string token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

        await site.CreateClient().GetAsync($"/review/{token}");
        await site.CreateClient().GetAsync($"/review/{token}/anything");

        List<LogEvent> requests;
        lock (site.Log)
            requests = [.. site.Log.Where(e => e.Properties.ContainsKey("RequestMethod"))];
        Assert.Equal(2, requests.Count(e => e.Properties["RequestPath"].ToString() == "\"/review/{token}\""));
        lock (site.Log)
            Assert.DoesNotContain(site.Log, e => e.RenderMessage().Contains(token) || e.Properties.Values.Any(v => v.ToString().Contains(token)));
    }
}

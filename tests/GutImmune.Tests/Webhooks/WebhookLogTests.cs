using System.Net;
using System.Net.Sockets;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// A partner's endpoint being down is ordinary: with the production log levels (appsettings.json) each failed attempt
/// is one warning saying why, without a stack trace, and nothing else logs the failure.
/// </summary>
public class WebhookLogTests
{
    private sealed class LoggedWebhookSite : WebhookSite
    {
        public List<LogEvent> Log { get; } = [];

        public LoggedWebhookSite() => Settings["Serilog:MinimumLevel:Default"] = "Information";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }
    }

    [Fact]
    public async Task A_failed_delivery_logs_one_warning_without_a_stack_trace()
    {
        await using var site = new LoggedWebhookSite();
        var admin = await WebhookAdmin.AdminAsync(site);
        await WebhookAdmin.RegisterAsync(site, admin, $"http://127.0.0.1:{ClosedPort()}/hook");
        await SyntheticArticles.CreateAsync(site, "hook-log", "Hook log test", ArticleStatus.Published,
            site.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), ["hook-log"]);

        Assert.Equal(1, await site.WithServiceAsync<WebhookDispatcher, int>(dispatcher => dispatcher.SendDueAsync(default)));

        List<LogEvent> logged;
        lock (site.Log)
            logged = [.. site.Log];
        var failure = Assert.Single(logged, e => e.MessageTemplate.Text.StartsWith("Webhook {EventId}"));
        Assert.Equal(LogEventLevel.Warning, failure.Level);
        Assert.Null(failure.Exception);
        Assert.DoesNotContain(logged, e => e.Exception is not null);
    }

    [Fact]
    public async Task A_delivery_failing_on_TLS_records_and_logs_why_the_secure_connection_failed()
    {
        await using var site = new LoggedWebhookSite();
        // A plain HTTP server at an https address: the TLS handshake fails.
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var admin = await WebhookAdmin.AdminAsync(site);
        var (_, endpointId) = await WebhookAdmin.RegisterAsync(site, admin, receiver.Url.Replace("http://", "https://"));
        await SyntheticArticles.CreateAsync(site, "hook-tls", "Hook TLS test", ArticleStatus.Published,
            site.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), ["hook-tls"]);

        Assert.Equal(1, await site.WithServiceAsync<WebhookDispatcher, int>(dispatcher => dispatcher.SendDueAsync(default)));

        var recorded = await site.WithServiceAsync<GutImmuneDbContext, string?>(db =>
            db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).Select(d => d.LastError).SingleAsync());
        Assert.StartsWith("The secure connection (TLS) could not be established: ", recorded);
        Assert.DoesNotContain("inner exception", recorded);
        Assert.DoesNotContain("\n", recorded);
        Assert.DoesNotContain("   at ", recorded);
        LogEvent failure;
        lock (site.Log)
            failure = site.Log.Single(e => e.MessageTemplate.Text.StartsWith("Webhook {EventId}"));
        Assert.Equal(recorded, ((ScalarValue)failure.Properties["Error"]).Value);
    }

    /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

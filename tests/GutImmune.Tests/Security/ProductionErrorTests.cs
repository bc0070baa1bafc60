using System.Net;
using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Security;

/// <summary>In Production a failure shows a request id and nothing of the exception; the log has both.</summary>
public class ProductionErrorTests : IClassFixture<ProductionErrorTests.FailingSite>
{
    /// <summary>The real site in Production, plus one test-only route that throws, and a log sink the test can read.</summary>
    public sealed class FailingSite : GutImmuneFactory
    {
        public List<LogEvent> Log { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILogEventSink>(new ListSink(Log));
                services.AddSingleton<IStartupFilter, ThrowingRoute>();
            });
        }

        private sealed class ThrowingRoute : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test-only/failure", failing => failing.Run(_ => throw new InvalidOperationException("Secret detail: connection string xyz")));
            };
        }
    }

    private readonly FailingSite _site;

    public ProductionErrorTests(FailingSite site) => _site = site;

    [Fact]
    public async Task Failure_page_shows_a_request_id_and_no_exception_details_and_the_log_has_both()
    {
        var response = await _site.CreateBrowserClient().GetAsync("/test-only/failure");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain("Secret detail", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);
        var requestId = System.Text.RegularExpressions.Regex.Match(body, "request id <code>([^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(requestId);
        lock (_site.Log)
        {
            var logged = Assert.Single(_site.Log, e => e.Exception?.Message.Contains("Secret detail") == true && e.Level == LogEventLevel.Error);
            Assert.Equal($"\"{requestId}\"", logged.Properties["RequestId"].ToString());
        }
    }

    [Fact]
    public async Task Https_responses_in_production_carry_hsts()
    {
        // HSTS is never sent for localhost, so ask as the public host would be asked.
        var client = _site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://gutimmune.example") });

        var response = await client.GetAsync("/");

        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GutImmune.Tests.Operations;

/// <summary>The three probes an orchestrator asks, and /healthz, which monitors used before them.</summary>
public class HealthEndpointTests
{
    private static async Task<string> AnswerAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    [SqliteFact]
    public async Task Liveness_needs_no_database_and_readiness_follows_it()
    {
        using var site = new GutImmuneFactory();
        var client = site.CreateClient();

        string[] up = [await AnswerAsync(client, "/healthz/live"), await AnswerAsync(client, "/healthz/ready"),
            await AnswerAsync(client, "/healthz/startup"), await AnswerAsync(client, "/healthz")];
        string[] down;
        using (await DatabaseOutage.BeginAsync(site))
            down = [await AnswerAsync(client, "/healthz/live"), await AnswerAsync(client, "/healthz/ready"), await AnswerAsync(client, "/healthz")];
        var back = await AnswerAsync(client, "/healthz/ready");

        Assert.Equal(["200 Healthy", "200 Healthy", "200 Healthy", "200 Healthy"], up);
        Assert.Equal(["200 Healthy", "503 Unhealthy", "503 Unhealthy"], down);
        Assert.Equal("200 Healthy", back);
    }

    [Fact]
    public async Task With_details_configured_each_check_answers_as_json_without_exception_text()
    {
        using var site = new GutImmuneFactory();
        site.Settings["Health:Details"] = "true";

        var response = await site.CreateClient().GetAsync("/healthz/ready");
        var startup = await site.CreateClient().GetAsync("/healthz/startup");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        using var started = JsonDocument.Parse(await startup.Content.ReadAsStringAsync());
        Assert.Equal("The schema is current.", started.RootElement.GetProperty("checks").GetProperty("schema").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Unreachable_redis_leaves_the_instance_ready_and_degraded()
    {
        // Port 1 on loopback: nothing listens, so every connection is refused.
        using var site = new GutImmuneFactory();
        site.Settings["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200";
        site.Settings["Health:Details"] = "true";
        // The site starts, migrates and imports the seed with Redis unreachable (its evictions are queued).
        var client = site.CreateClient();
        // The first probe builds the EF Core model, which may take longer than a check's second on a busy machine.
        await client.GetAsync("/healthz/ready");

        var response = await client.GetAsync("/healthz/ready");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", ready.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    /// <summary>The site plus a dependency check that never answers (it only gives up when told to).</summary>
    private sealed class SiteWithStuckDependency : GutImmuneFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddHealthChecks().AddAsyncCheck("stuck", async cancellationToken =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return HealthCheckResult.Healthy();
            }));
        }
    }

    [Fact]
    public async Task A_check_that_does_not_answer_fails_the_probe_within_a_second_or_so()
    {
        using var site = new SiteWithStuckDependency();
        var client = site.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("200 Healthy", await AnswerAsync(client, "/healthz/live"));

        var clock = Stopwatch.StartNew();
        var ready = await AnswerAsync(client, "/healthz/ready");

        Assert.Equal("503 Unhealthy", ready);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }
}

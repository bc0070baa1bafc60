using AngleSharp.Dom;
using GutImmune.Tests.Reading;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// With the production setting, an endpoint on the site's own machine or private network is refused when it is added,
/// and again when an event is sent (the address a name resolves to may change after it was added: DNS rebinding).
/// </summary>
public class PublicAddressTests(PublicOnlyWebhookSite site) : IClassFixture<PublicOnlyWebhookSite>
{
    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback, private or link-local")]
    [InlineData("https://localhost:8443/hook", "loopback, private or link-local")]
    [InlineData("https://10.1.2.3/hook", "loopback, private or link-local")]
    [InlineData("https://169.254.169.254/latest/meta-data", "loopback, private or link-local")]
    [InlineData("https://[::1]/hook", "loopback, private or link-local")]
    [InlineData("https://[::ffff:192.168.0.1]/hook", "loopback, private or link-local")]
    [InlineData("http://hooks.example/hook", "must start with https://")]
    [InlineData("https://user:pass@hooks.example/hook", "user name and password")]
    [InlineData("ftp://hooks.example/hook", "full address")]
    public async Task Endpoint_on_a_private_address_or_without_https_is_refused_on_its_field(string url, string reason)
    {
        var admin = await WebhookAdmin.AdminAsync(site);
        var name = "Refused " + Guid.NewGuid().ToString("N")[..6];
        var page = await Admin.StaffSession.ParseAsync(await admin.SubmitAsync("/admin/webhooks", "main form[action='/admin/webhooks']",
            new() { ["NewEndpoint.Name"] = name, ["NewEndpoint.Url"] = url }));
        Assert.Contains(reason, page.QuerySelector("input[name='NewEndpoint.Url']")?.ParentElement?.QuerySelector(".field-error")?.TextContent);
        Assert.Equal(url, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='NewEndpoint.Url']")?.Value);
        Assert.False(await site.WithServiceAsync<GutImmuneDbContext, bool>(db => db.WebhookEndpoints.AnyAsync(e => e.Name == name)));
    }

    [Fact]
    public async Task Endpoint_that_resolves_to_a_private_address_at_delivery_is_not_connected_to()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        // Stored as if its name had resolved to a public address when it was added.
        var id = await site.WithServiceAsync<IServiceProvider, int>(async services =>
        {
            var db = services.GetRequiredService<GutImmuneDbContext>();
            var endpoint = new WebhookEndpoint
            {
                Name = "Rebound", Url = receiver.Url, CreatedBy = "test",
                ProtectedSecret = services.GetRequiredService<WebhookSecrets>().Protect(WebhookSignature.NewSecret()),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint.Id;
        });
        var slug = "hook-rebound-" + Guid.NewGuid().ToString("N")[..8];
        var article = await SyntheticArticles.CreateAsync(site, slug, "Rebound", ArticleStatus.Published, DateTime.UtcNow.AddMinutes(-1), [slug]);

        Assert.Equal(1, await site.WithServiceAsync<WebhookDispatcher, int>(dispatcher => dispatcher.SendDueAsync(default)));
        Assert.Equal(0, receiver.Count);
        var delivery = await site.WithServiceAsync<GutImmuneDbContext, WebhookDelivery>(db => db.WebhookDeliveries.SingleAsync(d => d.ArticleId == article));
        Assert.Equal((1, (int?)null), (delivery.Attempts, delivery.LastStatusCode));
        Assert.Contains("loopback, private or link-local", delivery.LastError);
        Assert.NotNull(delivery.NextAttemptAt);
    }
}

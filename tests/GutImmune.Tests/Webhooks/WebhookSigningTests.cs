using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GutImmune.Tests.Reading;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// Endpoints as an Admin registers them, and events as the background sender delivers them on the real clock: signed
/// with the endpoint's secret the Standard Webhooks way, which the test checks with its own HMAC.
/// </summary>
public class WebhookSigningTests(LiveWebhookSite site) : IClassFixture<LiveWebhookSite>
{
    [Fact]
    public async Task Published_article_reaches_the_endpoint_from_the_background_sender_signed_with_its_secret()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var admin = await WebhookAdmin.AdminAsync(site);
        var (secret, _) = await WebhookAdmin.RegisterAsync(site, admin, receiver.Url);
        var slug = "hook-signed-" + Guid.NewGuid().ToString("N")[..8];
        await SyntheticArticles.CreateAsync(site, slug, "Signed hook", ArticleStatus.Published, DateTime.UtcNow.AddMinutes(-1), [slug]);

        var received = await receiver.NextAsync();
        Assert.StartsWith("application/json", received.ContentType);
        // Standard Webhooks: HMAC-SHA256 keyed with the base64 bytes after "whsec_", over "id.timestamp.body".
        Assert.StartsWith("whsec_", secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}")));
        Assert.Equal(expected, received.Signature);
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(received.Timestamp!, CultureInfo.InvariantCulture));
        Assert.InRange(sentAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));

        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(received.Id, body.GetProperty("id").GetString());
        Assert.Equal("article.published", body.GetProperty("type").GetString());
        var article = body.GetProperty("article");
        Assert.Equal(slug, article.GetProperty("slug").GetString());
        Assert.Equal("Signed hook", article.GetProperty("title").GetString());
        Assert.EndsWith($"/articles/{slug}", article.GetProperty("url").GetString());
        Assert.EndsWith($"/api/v1/articles/{slug}", article.GetProperty("apiUrl").GetString());
        article.GetProperty("dateModified").GetDateTime();
        body.GetProperty("occurredAt").GetDateTime();

        // A body changed on the way no longer matches the signature.
        var tampered = "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body.Replace(slug, "other")}")));
        Assert.NotEqual(tampered, received.Signature);
    }

    [Fact]
    public async Task Admin_adds_an_endpoint_its_secret_shown_once_and_kept_encrypted_revoking_stops_it_all_audited()
    {
        await WebhookAdmin.ResetAsync(site);
        var admin = await WebhookAdmin.AdminAsync(site);
        var refused = await StaffSession(admin, " ", "not an address");
        Assert.Contains("Enter a name", refused.QuerySelector("#NewEndpoint_Name ~ .field-error, .field-error")?.TextContent);

        var name = "Clinic hook " + Guid.NewGuid().ToString("N")[..6];
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var (secret, id) = await WebhookAdmin.RegisterAsync(site, admin, receiver.Url, name);
        var stored = await site.WithServiceAsync<GutImmuneDbContext, string>(db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.ProtectedSecret).SingleAsync());
        Assert.DoesNotContain(secret["whsec_".Length..], stored);
        Assert.Equal(secret, await site.WithServiceAsync<WebhookSecrets, string>(secrets => Task.FromResult(secrets.Unprotect(stored))));
        var list = await admin.GetPageAsync("/admin/webhooks");
        Assert.DoesNotContain(secret, list.Source.Text);
        Assert.Contains(name, list.QuerySelector("tbody")!.TextContent);

        await Admin.StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(list, $"form[action='/admin/webhooks/{id}/revoke']", []));
        Assert.Contains("Revoked", (await admin.GetPageAsync("/admin/webhooks")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name)).TextContent);
        await SyntheticArticles.CreateAsync(site, "hook-revoked-" + Guid.NewGuid().ToString("N")[..8], "After revoking", ArticleStatus.Published, DateTime.UtcNow.AddMinutes(-1), ["hook-revoked"]);
        Assert.Empty(await site.WithServiceAsync<GutImmuneDbContext, List<WebhookDelivery>>(db => db.WebhookDeliveries.Where(d => d.EndpointId == id).ToListAsync()));

        var audited = await site.WithServiceAsync<GutImmuneDbContext, List<string>>(db =>
            db.AuditEntries.Where(e => e.Target == $"webhook endpoint {name}").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditLog.Actions.WebhookEndpointCreated, AuditLog.Actions.WebhookEndpointRevoked], audited);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.Client.GetAsync("/admin/webhooks/999999")).StatusCode);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> StaffSession(Admin.StaffSession admin, string name, string url) =>
        await Admin.StaffSession.ParseAsync(await admin.SubmitAsync("/admin/webhooks", "main form[action='/admin/webhooks']",
            new() { ["NewEndpoint.Name"] = name, ["NewEndpoint.Url"] = url }));
}

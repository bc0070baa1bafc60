using GutImmune.Tests.Admin;
using GutImmune.Tests.ContentApi;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// A site whose webhook sender runs on the test's clock (<see cref="Web.GutImmuneFactory.Clock"/>) and wakes only when
/// the test moves it a day, so the test sends deliveries itself (<c>WebhookDispatcher.SendDueAsync</c>) and knows
/// what was sent when; local receivers are allowed. On SQLite, or on PostgreSQL (<see cref="PostgresWebhookSite"/>).
/// </summary>
public class WebhookSite : ContentApiSite
{
    public WebhookSite()
    {
        UseFakeClock = true;
        Settings["Webhooks:AllowNonPublicAddresses"] = "true";
        Settings["Webhooks:PollInterval"] = "1.00:00:00";
    }
}

public sealed class PostgresWebhookSite : WebhookSite
{
    protected override bool OnPostgres => true;
}

/// <summary>A site whose sender looks for due deliveries every 50 ms on the real clock, as in production but quicker.</summary>
public sealed class LiveWebhookSite : ContentApiSite
{
    public LiveWebhookSite()
    {
        Settings["Webhooks:AllowNonPublicAddresses"] = "true";
        Settings["Webhooks:PollInterval"] = "00:00:00.050";
    }
}

/// <summary>A site with the production setting: endpoints only on public addresses. Its sender wakes once an hour.</summary>
public sealed class PublicOnlyWebhookSite : ContentApiSite
{
    public PublicOnlyWebhookSite() => Settings["Webhooks:PollInterval"] = "01:00:00";
}

public static class WebhookAdmin
{
    /// <summary>Registers an endpoint through the admin form and returns the secret the page shows once, and the endpoint's id.</summary>
    public static async Task<(string Secret, int Id)> RegisterAsync(Web.GutImmuneFactory site, StaffSession admin, string url, string? name = null)
    {
        name ??= "Partner " + Guid.NewGuid().ToString("N")[..8];
        var created = await StaffSession.ParseAsync(await admin.SubmitAsync("/admin/webhooks", "main form[action='/admin/webhooks']",
            new() { ["NewEndpoint.Name"] = name, ["NewEndpoint.Url"] = url }));
        var secret = created.QuerySelector(".secret code")?.TextContent
            ?? throw new InvalidOperationException("no secret shown: " + created.QuerySelector("main")?.TextContent);
        var id = await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.WebhookEndpoints.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());
        return (secret, id);
    }

    /// <summary>Revokes every endpoint and forgets every delivery, so a test meets only its own.</summary>
    public static Task ResetAsync(Web.GutImmuneFactory site) =>
        site.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.WebhookDeliveries.ExecuteDeleteAsync() + await db.WebhookEndpoints.ExecuteUpdateAsync(e => e.SetProperty(x => x.RevokedAt, DateTime.UtcNow)));

    public static Task<StaffSession> AdminAsync(Web.GutImmuneFactory site) => StaffSession.SignInAsync(site, Roles.Admin);
}

using System.Net;
using GutImmune.Tests.Webhooks;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Names typed in the admin for others to read (a person's account name, an API key's, a webhook endpoint's) are kept
/// as plain text, as review comments are: without control characters (C0 and C1) and without the bidirectional
/// controls and marks, which would show them in another order than they are stored; a name of nothing else is refused.
/// </summary>
public class PlainTextNameTests(WebhookSite site) : IClassFixture<WebhookSite>
{
    private const string Hidden = "\u202E\u2066\u0007\u0085\u009B\u200F\u200E";

    /// <summary>Sends the form that names <paramref name="what"/>; returns the answer and how to read back the name stored under <paramref name="tag"/>.</summary>
    private async Task<(HttpResponseMessage Answer, Func<Task<string?>> Stored)> NameAsync(StaffSession admin, string what, string name, string tag) => what switch
    {
        "account" => (await admin.SubmitAsync("/admin/users/new", "main form", new() { ["Email"] = $"{tag}@example.org", ["DisplayName"] = name, ["Roles"] = Roles.Reviewer }),
            () => site.WithServiceAsync<GutImmuneDbContext, string?>(db => db.Users.Where(u => u.Email == $"{tag}@example.org").Select(u => u.DisplayName).SingleOrDefaultAsync())),
        "API key" => (await admin.SubmitAsync("/admin/api-keys", "main form[action='/admin/api-keys']", new() { ["NewKey.Name"] = name }),
            () => site.WithServiceAsync<GutImmuneDbContext, string?>(db => db.ApiKeys.Where(k => k.Name.Contains(tag)).Select(k => k.Name).SingleOrDefaultAsync())),
        "webhook endpoint" => (await admin.SubmitAsync("/admin/webhooks", "main form[action='/admin/webhooks']", new() { ["NewEndpoint.Name"] = name, ["NewEndpoint.Url"] = "http://127.0.0.1:9/hook" }),
            () => site.WithServiceAsync<GutImmuneDbContext, string?>(db => db.WebhookEndpoints.Where(e => e.Name.Contains(tag)).Select(e => e.Name).SingleOrDefaultAsync())),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [InlineData("account")]
    [InlineData("API key")]
    [InlineData("webhook endpoint")]
    public async Task A_name_loses_control_and_direction_characters_and_one_of_only_those_is_refused(string what)
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var tag = "n" + Guid.NewGuid().ToString("N")[..10];

        var (saved, stored) = await NameAsync(admin, what, $"Riverside{Hidden} Clinic\u202D {tag}\u2069", tag);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"Riverside Clinic {tag}", await stored());
        var shown = (await StaffSession.ParseAsync(saved)).QuerySelector("main")!.TextContent;
        Assert.DoesNotContain(shown.ToList(), c => Hidden.Contains(c) || c is '\u202D' or '\u2069');

        var other = "n" + Guid.NewGuid().ToString("N")[..10];
        var (refused, none) = await NameAsync(admin, what, Hidden, other);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("it holds no visible text", (await StaffSession.ParseAsync(refused)).QuerySelector(".field-error")?.TextContent);
        Assert.Null(await none());
    }
}

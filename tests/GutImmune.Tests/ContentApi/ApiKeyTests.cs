using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GutImmune.Tests.Admin;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.ContentApi;

/// <summary>
/// API keys: an Admin makes one (shown once, stored as a hash, audited), its use is counted, revoking it refuses it;
/// each key and the anonymous callers have their own per-minute limits, answered past them with 429 and Retry-After.
/// </summary>
public class ApiKeyTests(ApiKeyTests.LimitedSite site) : IClassFixture<ApiKeyTests.LimitedSite>
{
    public sealed class LimitedSite : ContentApiSite
    {
        public const int AnonymousPerMinute = 3;
        public const int KeyPerMinute = 5;

        public LimitedSite()
        {
            Settings["ContentApi:AnonymousRequestsPerMinute"] = AnonymousPerMinute.ToString();
            Settings["ContentApi:KeyRequestsPerMinute"] = KeyPerMinute.ToString();
        }
    }

    private HttpClient Client => site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    private Task<HttpResponseMessage> GetAsync(string? key, string url = "/api/v1/topics")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        return Client.SendAsync(request);
    }

    private static async Task<string> MakeKeyAsync(StaffSession admin, string name)
    {
        var created = await StaffSession.ParseAsync(await admin.SubmitAsync("/admin/api-keys", "main form[action='/admin/api-keys']", new() { ["NewKey.Name"] = name }));
        return created.QuerySelector(".secret code")?.TextContent ?? throw new InvalidOperationException("no key shown: " + created.QuerySelector("main")?.TextContent);
    }

    [Fact]
    public async Task Admin_makes_a_key_shown_once_and_stored_hashed_its_use_is_counted_and_revoking_refuses_it_all_audited()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var refused = await StaffSession.ParseAsync(await admin.SubmitAsync("/admin/api-keys", "main form[action='/admin/api-keys']", new() { ["NewKey.Name"] = " " }));
        Assert.Contains("Enter a name", refused.QuerySelector(".field-error")?.TextContent);

        var name = "Clinic portal " + Guid.NewGuid().ToString("N")[..6];
        var key = await MakeKeyAsync(admin, name);

        var stored = await site.WithServiceAsync<GutImmuneDbContext, (int Id, byte[] Hash, string Start)>(async db =>
            await db.ApiKeys.Where(k => k.Name == name).Select(k => new ValueTuple<int, byte[], string>(k.Id, k.Hash, k.Start)).SingleAsync());
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.Hash);
        Assert.True(key.StartsWith(stored.Start) && stored.Start.Length < key.Length / 3, "only the key's start is kept readable");
        var list = await admin.GetPageAsync("/admin/api-keys");
        Assert.DoesNotContain(key, list.Source.Text);

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(key)).StatusCode);
        var row = (await admin.GetPageAsync("/admin/api-keys")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.Equal("2", row.QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.DoesNotContain("Never", row.QuerySelectorAll("td")[3].TextContent);

        await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(list, $"form[action='/admin/api-keys/{stored.Id}/revoke']", []));
        var rejected = await GetAsync(key);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("gik_not-a-key")).StatusCode);

        var audited = await site.WithServiceAsync<GutImmuneDbContext, List<string>>(db =>
            db.AuditEntries.Where(e => e.Target == $"API key {name}").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditLog.Actions.ApiKeyCreated, AuditLog.Actions.ApiKeyRevoked], audited);
    }

    [Fact]
    public async Task Each_key_and_the_anonymous_callers_have_their_own_limit_answered_with_429_and_Retry_After()
    {
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        var first = await MakeKeyAsync(admin, "First partner");
        var second = await MakeKeyAsync(admin, "Second partner");

        for (var i = 0; i < LimitedSite.KeyPerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(first)).StatusCode);
        var limited = await GetAsync(first);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // The time until the next request is let through (a minute's quota refills evenly), not the length of a window.
        var nextRequestIn = 60 / LimitedSite.KeyPerMinute;
        Assert.True(limited.Headers.RetryAfter?.Delta?.TotalSeconds is { } seconds && seconds >= 1 && seconds <= nextRequestIn,
            $"Retry-After: {limited.Headers.RetryAfter}, expected at most {nextRequestIn}");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second)).StatusCode);
        var anonymous = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitedSite.AnonymousPerMinute; i++)
            anonymous.Add((await GetAsync(null)).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, LimitedSite.AnonymousPerMinute), HttpStatusCode.TooManyRequests], anonymous);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second)).StatusCode);
    }
}

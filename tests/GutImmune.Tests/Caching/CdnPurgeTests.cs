using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Caching;

/// <summary>
/// Publishing, which evicts reader pages from the output cache, has the CDN purge the same tags, at `Cdn:PurgeUrl` with its
/// credential; a CDN that fails or does not answer is logged and never fails the save.
/// </summary>
public class CdnPurgeTests(CdnPurgeTests.PurgedSite site) : IClassFixture<CdnPurgeTests.PurgedSite>
{
    private const string Article = "/articles/gut-immune-system-connection";

    public sealed class PurgedSite : GutImmuneFactory
    {
        public PurgeReceiver Cdn { get; } = new();

        public ConcurrentQueue<LogEvent> Log { get; } = new();

        public PurgedSite()
        {
            Settings["Cdn:PurgeUrl"] = Cdn.Url.ToString();
            Settings["Cdn:PurgeAuthorizationHeader"] = "Fastly-Key";
            Settings["Cdn:PurgeAuthorization"] = "purge-token";
            // Long enough for a loaded machine's receiver to answer; the hanging-CDN test waits this long.
            Settings["Cdn:PurgeTimeout"] = "00:00:05";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new QueueSink(Log)));
        }

        private sealed class QueueSink(ConcurrentQueue<LogEvent> log) : ILogEventSink
        {
            public void Emit(LogEvent logEvent) => log.Enqueue(logEvent);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Cdn.Dispose();
        }
    }

    private async Task<(StaffSession Editor, string AdminUrl)> EditorAsync()
    {
        var id = await site.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Articles.Where(a => a.Slug == "gut-immune-system-connection").Select(a => a.Id).SingleAsync());
        return (await StaffSession.SignInAsync(site, Roles.Editor), $"/admin/articles/{id}");
    }

    private string[] PurgeWarnings() =>
        site.Log.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("The CDN purge")).Select(e => e.RenderMessage()).ToArray();

    private async Task SaveTitleAsync(StaffSession editor, string adminUrl, string title)
    {
        while (site.Cdn.Received.Reader.TryRead(out _)) { }
        site.Log.Clear();
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Title"] = title }));
        // Saving changes the working copy only: publishing it is what evicts reader pages, and so what purges the CDN.
        Assert.False(site.Cdn.Received.Reader.TryRead(out _), "a working-copy save purged the CDN");
        await editor.ReviewAndPublishAsync(adminUrl);
    }

    [Fact]
    public async Task Publishing_a_change_has_the_cdn_purge_the_tags_its_pages_carry()
    {
        var reader = site.CreateClient();
        using var articlePage = await reader.GetAsync(Article);
        using var homePage = await reader.GetAsync("/");
        var (editor, adminUrl) = await EditorAsync();

        await SaveTitleAsync(editor, adminUrl, "Title purged from the CDN");

        // The save waited for the purge, so it has arrived.
        Assert.True(site.Cdn.Received.Reader.TryRead(out var purge));
        Assert.Equal("purge-token", purge.Headers["Fastly-Key"]);
        Assert.StartsWith("application/json", purge.Headers["Content-Type"]);
        var tags = JsonDocument.Parse(purge.Body).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(tags, purge.Headers["Surrogate-Key"].Split(' '));
        Assert.Contains("article:gut-immune-system-connection", articlePage.Headers.GetValues("Surrogate-Key").Single().Split(' '));
        Assert.Contains("article:gut-immune-system-connection", tags);
        Assert.Contains(homePage.Headers.GetValues("Surrogate-Key").Single(), tags);
        Assert.False(site.Cdn.Received.Reader.TryRead(out _), "one purge per publication");
        Assert.Empty(PurgeWarnings());
        Assert.Contains("Title purged from the CDN", await reader.GetStringAsync(Article));
    }

    [Theory]
    [InlineData("/admin/people/new", "people")]
    [InlineData("/admin/pages/about", "site-pages")]
    public async Task Saving_a_profile_or_a_site_page_has_the_cdn_purge_the_pages_showing_it(string form, string tag)
    {
        using var shown = await site.CreateClient().GetAsync(tag == "people" ? "/people" : "/about");
        Assert.Contains(tag, shown.Headers.GetValues("Surrogate-Key").Single().Split(' '));
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        while (site.Cdn.Received.Reader.TryRead(out _)) { }

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(form, "main form.form", tag == "people"
            ? new() { ["Name"] = "Purged Person", ["Credentials"] = "MD", ["Role"] = "Medical reviewer" }
            : new() { ["Title"] = "About, purged", ["Body"] = "Written by a test." }));

        Assert.True(site.Cdn.Received.Reader.TryRead(out var purge), "the save did not purge the CDN");
        Assert.Equal([tag], JsonDocument.Parse(purge.Body).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_cdn_that_fails_or_does_not_answer_never_fails_the_save()
    {
        var (editor, adminUrl) = await EditorAsync();
        try
        {
            site.Cdn.Answer = context =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            };
            await SaveTitleAsync(editor, adminUrl, "Saved while the CDN fails");
            Assert.True(site.Cdn.Received.Reader.TryRead(out _));
            Assert.Contains("Saved while the CDN fails", await site.CreateClient().GetStringAsync(Article));
            Assert.Contains("answered 500", Assert.Single(PurgeWarnings()));

            site.Cdn.Answer = context => Task.Delay(Timeout.Infinite, context.RequestAborted);
            var saving = Stopwatch.StartNew();
            await SaveTitleAsync(editor, adminUrl, "Saved while the CDN hangs");
            Assert.True(site.Cdn.Received.Reader.TryRead(out _));
            Assert.True(saving.Elapsed < TimeSpan.FromSeconds(20), $"the save waited {saving.Elapsed} for a CDN that does not answer");
            Assert.Contains("Saved while the CDN hangs", await site.CreateClient().GetStringAsync(Article));
            Assert.Contains("failed", Assert.Single(PurgeWarnings()));
        }
        finally
        {
            site.Cdn.Answer = _ => Task.CompletedTask;
        }
    }
}

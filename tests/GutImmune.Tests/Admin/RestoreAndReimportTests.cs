using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Restore and import replace an article's whole content: in place (same article, same sections, facts, causes and
/// references, shared topics), as one save with its revision and audit entry, and not at all when nothing differs.
/// </summary>
public class RestoreAndReimportTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string Slug = "gut-immune-system-connection";

    private sealed record Counts(int Revisions, int Audit, int Topics, string SectionIds);

    private Task<Counts> CountsAsync() => factory.WithServiceAsync<GutImmuneDbContext, Counts>(async db =>
    {
        var id = await db.Articles.Where(a => a.Slug == Slug).Select(a => a.Id).SingleAsync();
        return new Counts(
            await db.Revisions.CountAsync(r => r.ArticleId == id),
            await db.AuditEntries.CountAsync(e => e.Action == AuditLog.Actions.Imported || e.Action == AuditLog.Actions.Restored),
            await db.Topics.CountAsync(),
            string.Join(",", await db.Sections.Where(s => s.ArticleId == id).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync()));
    });

    [Fact]
    public async Task Reimporting_an_exported_article_updates_it_in_place_and_reuses_its_topics()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var json = await editor.Client.GetStringAsync(adminUrl + "/export");
        var before = await CountsAsync();

        var unchanged = await editor.ImportAsync($"{Slug}.json", json);

        await StaffSession.AssertRedirectedAsync(unchanged);
        Assert.Equal(adminUrl, unchanged.Headers.Location!.OriginalString);
        Assert.Equal(before, await CountsAsync());
        Assert.Contains("nothing changed", (await editor.FollowAsync(unchanged)).QuerySelector("main")!.TextContent);

        var changed = await editor.ImportAsync($"{Slug}.json", json.Replace("\"summary\": \"", "\"summary\": \"Re-imported. "));

        await StaffSession.AssertRedirectedAsync(changed);
        Assert.Equal(adminUrl, changed.Headers.Location!.OriginalString);
        var after = await CountsAsync();
        Assert.Equal(before.Revisions + 1, after.Revisions);
        Assert.Equal(before.Audit + 1, after.Audit);
        Assert.Equal(before.Topics, after.Topics);
        Assert.Equal(before.SectionIds, after.SectionIds);
        // The imported content is unreviewed: it is the working copy's until it is signed off and published.
        Assert.Contains("Re-imported.", await editor.Client.GetStringAsync(adminUrl + "/preview"));
        Assert.DoesNotContain("Re-imported.", await factory.CreateClient().GetStringAsync($"/articles/{Slug}?fresh=1"));
        var reviewingEditor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Reviewer);
        await reviewingEditor.ReviewAndPublishAsync(adminUrl);
        Assert.Contains("Re-imported.", await factory.CreateClient().GetStringAsync($"/articles/{Slug}?fresh=2"));
    }

    [Fact]
    public async Task Restoring_what_the_article_already_holds_changes_nothing_and_records_nothing()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var edit = await editor.GetPageAsync(adminUrl);
        var version = edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        await editor.FollowAsync(await editor.SubmitAsync(edit, $"form[action='{adminUrl}']", new() { ["Summary"] = "A summary to undo." }));
        var restorePage = $"{adminUrl}/revisions/{version}/restore";
        await editor.FollowAsync(await editor.SubmitAsync(restorePage, "form.confirm-form", []));
        var before = await CountsAsync();

        var again = await editor.SubmitAsync(restorePage, "form.confirm-form", []);

        await StaffSession.AssertRedirectedAsync(again);
        Assert.Equal(before, await CountsAsync());
        Assert.Contains("nothing to restore", (await editor.FollowAsync(again)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Open_edit_pages_stay_valid_after_a_restore_and_a_reimport()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var article = await editor.GetPageAsync(adminUrl);
        var version = article.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        var factSection = StaffSession.LinkTo(article, "Interesting Facts");
        var causeSection = StaffSession.LinkTo(article, "What Causes");
        var reference = article.QuerySelectorAll("a").First(a => a.TextContent.Contains("reference 4")).GetAttribute("href")!;
        var fact = StaffSession.LinkTo(await editor.GetPageAsync(factSection), "Breastfeeding");
        var cause = StaffSession.LinkTo(await editor.GetPageAsync(causeSection), "Overindulgence in Alcohol");
        string[] editPages = [factSection, causeSection, reference, fact, cause];
        await editor.FollowAsync(await editor.SubmitAsync(cause, "main form", new() { ["Title"] = "Drinking Too Much" }));

        await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{version}/restore", "form.confirm-form", []));

        foreach (var url in editPages)
            await editor.GetPageAsync(url);
        Assert.Equal("Overindulgence in Alcohol", (await editor.GetPageAsync(cause)).QuerySelector<IHtmlInputElement>("input[name=Title]")!.Value);

        var json = await editor.Client.GetStringAsync(adminUrl + "/export");
        await editor.FollowAsync(await editor.ImportAsync("edited.json", json.Replace("Overindulgence in Alcohol", "Alcohol")));

        foreach (var url in editPages)
            await editor.GetPageAsync(url);
        Assert.Equal("Alcohol", (await editor.GetPageAsync(cause)).QuerySelector<IHtmlInputElement>("input[name=Title]")!.Value);
    }
}

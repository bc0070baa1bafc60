using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>The content checks panel, its "no citation needed" marks, the live checks of a text, the report, and evidence types end to end.</summary>
public class ContentChecksTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Edit_page_shows_the_seed_articles_findings_grouped_with_links_to_fix_them()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);

        var page = await editor.GetPageAsync(adminUrl);
        var panel = page.QuerySelector("section.content-checks")!;

        Assert.Equal("Content checks", panel.QuerySelector("h2")!.TextContent);
        // Six sections and the whole article, each with both grades.
        var rows = panel.QuerySelectorAll("table.reading-grades tbody tr");
        Assert.Equal(7, rows.Length);
        Assert.All(rows, row => Assert.Matches(@"^\d+\.\d$", row.QuerySelectorAll("td")[0].TextContent));
        var headings = panel.QuerySelectorAll("h3").Select(h => h.TextContent).ToList();
        Assert.Contains(headings, h => h.StartsWith("Uncited claims ("));
        Assert.Contains(headings, h => h.StartsWith("Reference hygiene ("));
        // Reference 6 ("... in mice") is an animal study by its title, but the one claim citing it cites reference 7 too: no evidence flag.
        Assert.Contains("Evidence (0)", headings);
        // Every check is listed, with "No findings" when it found nothing, so that the editor knows it ran.
        Assert.All(Enum.GetValues<CheckGroup>(), group => Assert.Contains(headings, h => h.StartsWith(CheckGroups.Name(group) + " (")));
        Assert.Equal("No findings.", panel.QuerySelector("#content-checks-evidence + p")?.TextContent);
        Assert.Contains(panel.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith(adminUrl + "/sections/"));
        Assert.Contains(panel.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith(adminUrl + "/facts/"));
        Assert.Contains(panel.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith(adminUrl + "/citations/"));

        var preview = await editor.GetPageAsync(adminUrl + "/preview");
        Assert.NotNull(preview.QuerySelector("main section.content-checks table.reading-grades"));
        Assert.Empty(preview.QuerySelectorAll("main section.content-checks form"));
    }

    [Fact]
    public async Task A_no_citation_needed_mark_is_kept_in_revisions_and_comes_back_with_a_restore()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var page = await editor.GetPageAsync(adminUrl);
        var versionBefore = page.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        var markForm = page.QuerySelector<IHtmlFormElement>("form[action$='/content-checks/marks']")!;
        var claim = markForm.QuerySelector<IHtmlInputElement>("input[name=Claim]")!.Value;
        var uncitedBefore = UncitedCount(page);

        var refused = await editor.SubmitAsync(page, "form[action$='/content-checks/marks']", new() { ["Reason"] = "  " });
        Assert.Contains("Say why this claim needs no citation", (await editor.FollowAsync(refused)).QuerySelector("main")!.TextContent);

        var marked = await editor.SubmitAsync(page, "form[action$='/content-checks/marks']", new() { ["Reason"] = "It introduces the section." });
        await StaffSession.AssertRedirectedAsync(marked);
        var after = await editor.FollowAsync(marked);
        Assert.Equal(uncitedBefore - 1, UncitedCount(after));
        var markedList = after.QuerySelector("#content-checks-marked + ul")!.TextContent;
        Assert.Contains("It introduces the section.", markedList);
        var versionWithMark = after.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;
        var snapshot = await factory.WithServiceAsync<GutImmuneDbContext, string>(async db =>
            (await db.Revisions.Where(r => r.Version == int.Parse(versionWithMark)).OrderByDescending(r => r.Id).FirstAsync()).ReadSnapshot());
        Assert.Contains("It introduces the section.", snapshot);
        Assert.Contains("It introduces the section.", await editor.Client.GetStringAsync(adminUrl + "/export"));

        await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{versionBefore}/restore", "form.confirm-form", []));
        var restoredBefore = await editor.GetPageAsync(adminUrl);
        Assert.Null(restoredBefore.QuerySelector("#content-checks-marked"));
        Assert.Equal(uncitedBefore, UncitedCount(restoredBefore));

        await editor.FollowAsync(await editor.SubmitAsync($"{adminUrl}/revisions/{versionWithMark}/restore", "form.confirm-form", []));
        var restored = await editor.GetPageAsync(adminUrl);
        Assert.Contains("It introduces the section.", restored.QuerySelector("#content-checks-marked + ul")!.TextContent);
        Assert.Equal(uncitedBefore - 1, UncitedCount(restored));

        var unmarked = await editor.SubmitAsync(restored, "form[action$='/content-checks/marks/remove']", []);
        Assert.Equal(uncitedBefore, UncitedCount(await editor.FollowAsync(unmarked)));
        Assert.Contains((await editor.GetPageAsync(adminUrl)).QuerySelectorAll<IHtmlInputElement>("input[name=Claim]"), input => input.Value == claim);
    }

    private static int UncitedCount(IHtmlDocument page) =>
        page.QuerySelector("#content-checks-uncitedclaims + ul")?.Children.Length ?? 0;

    [Fact]
    public async Task Checks_of_a_text_being_typed_come_back_for_that_text_and_need_the_antiforgery_token()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Introduction");
        var form = (await editor.GetPageAsync(sectionUrl)).QuerySelector("form[data-checks-url]")!;
        var url = form.GetAttribute("data-checks-url")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<HttpResponseMessage> PostAsync(string markdown, string? withToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([new("markdown", markdown)]) };
            if (withToken is not null)
                request.Headers.Add("RequestVerificationToken", withToken);
            return await editor.Client.SendAsync(request);
        }

        var answer = await PostAsync("Stress changes the gut.\n\nFibre feeds bacteria [1].\n\n[click here](https://example.org)", token);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = (await StaffSession.ParseAsync(answer)).Body!.TextContent;
        Assert.Contains("No citation: “Stress changes the gut.”", html);
        Assert.DoesNotContain("Fibre feeds bacteria", html);
        Assert.Contains("“click here”", html);
        Assert.Contains("Reading grade of this text", html);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("Text.", null)).StatusCode);
        Assert.Contains("too long to check", await (await PostAsync(new string('a', ContentLimits.Markdown + 1), token)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Content_report_lists_each_articles_findings_and_sorts_by_any_column()
    {
        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);

        var report = await reviewer.GetPageAsync("/admin/content-report");

        var row = report.QuerySelectorAll("table.content-report tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "The Gut-Immune System Connection");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.True(int.Parse(cells[^1]) > 0);
        Assert.Equal("descending", report.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var byTitle = await reviewer.GetPageAsync("/admin/content-report?sort=title&direction=asc");
        Assert.Equal("ascending", byTitle.QuerySelectorAll("th")[0].GetAttribute("aria-sort"));
        var titles = byTitle.QuerySelectorAll("table.content-report tbody th").Select(t => t.TextContent).ToList();
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
        // An unknown column is not an error: the default order.
        Assert.NotNull((await reviewer.GetPageAsync("/admin/content-report?sort=%3Cscript%3E")).QuerySelector("table.content-report"));
    }

    [Fact]
    public async Task Evidence_type_is_chosen_in_the_reference_form_shown_to_readers_and_kept_by_export_and_import()
    {
        var seedTypes = await factory.WithServiceAsync<GutImmuneDbContext, List<(int, EvidenceType)>>(async db =>
            (await db.Articles.Where(a => a.Slug == "gut-immune-system-connection").SelectMany(a => a.Citations).OrderBy(c => c.Number).ToListAsync())
                .Select(c => (c.Number, c.Evidence)).ToList());
        Assert.Equal([6], seedTypes.Where(t => t.Item2 == EvidenceType.AnimalOrLaboratory).Select(t => t.Item1));
        Assert.All(seedTypes.Where(t => t.Item1 != 6), t => Assert.Equal(EvidenceType.NotClassified, t.Item2));
        var reader = await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection?evidence=1");
        Assert.Contains("Evidence: Animal or laboratory study", reader);

        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var adminUrl = (await admin.GetPageAsync("/admin/articles")).QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;
        var citationUrl = StaffSession.LinkTo(await admin.GetPageAsync(adminUrl), "Edit or renumber reference 2");
        Assert.Contains("Not classified", (await admin.GetPageAsync(citationUrl)).QuerySelector("select#Evidence option[selected]")!.TextContent);

        var bad = await admin.SubmitAsync(citationUrl, "main form.form", new() { ["Evidence"] = "Horoscope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(citationUrl, "main form.form", new() { ["Evidence"] = "RandomisedTrial" }));

        var json = await admin.Client.GetStringAsync(adminUrl + "/export");
        Assert.Contains("\"evidence\": \"randomisedTrial\"", json);
        await admin.FollowAsync(await admin.ImportAsync("copy.json", json.Replace("\"gut-immune-system-connection\"", "\"gut-immune-evidence-copy\"")));
        var copyTypes = await factory.WithServiceAsync<GutImmuneDbContext, List<EvidenceType>>(async db =>
            await db.Articles.Where(a => a.Slug == "gut-immune-evidence-copy").SelectMany(a => a.Citations).OrderBy(c => c.Number).Select(c => c.Evidence).ToListAsync());
        Assert.Equal(EvidenceType.RandomisedTrial, copyTypes[1]);
        Assert.Equal(EvidenceType.AnimalOrLaboratory, copyTypes[5]);
    }
}

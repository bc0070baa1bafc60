using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// The content checks on text they cannot read (nested past the Markdown pipeline's depth limit) answer with a finding,
/// never a 500; a "no citation needed" mark for a claim the article does not make is refused. Its own site, as one test
/// stores a text the forms would refuse.
/// </summary>
public class ContentChecksRefusalTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string TooDeep = "nested too deeply to display";

    public static TheoryData<string, string> DeeplyNested => new()
    {
        { "quotes nested 500 deep on one line", string.Concat(Enumerable.Repeat("> ", 500)) + "x" },
        { "a list nested 64 levels", string.Concat(Enumerable.Range(0, 64).Select(i => new string(' ', 2 * i) + "- a\n")) },
    };

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public async Task Checks_of_a_text_being_typed_say_a_deeply_nested_text_is_too_deep_instead_of_failing(string description, string markdown)
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var form = (await editor.GetPageAsync(StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Introduction"))).QuerySelector("form[data-checks-url]")!;
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("data-checks-url")) { Content = new FormUrlEncodedContent([new("markdown", markdown)]) };
        request.Headers.Add("RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));

        var answer = await editor.Client.SendAsync(request);

        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{description}: {(int)answer.StatusCode}");
        Assert.Contains(TooDeep, (await StaffSession.ParseAsync(answer)).Body!.TextContent);
    }

    [Fact]
    public async Task Panel_and_content_report_show_a_stored_deeply_nested_text_as_a_finding()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var nestedList = DeeplyNested.Select(row => (string)row[1]).Last();
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Sections.Where(s => s.Heading == "Introduction").ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, nestedList)));

        var panel = (await editor.GetPageAsync(adminUrl)).QuerySelector("section.content-checks")!;
        var report = await editor.GetPageAsync("/admin/content-report");

        Assert.Contains(TooDeep, panel.TextContent);
        Assert.NotNull(report.QuerySelector("table.content-report"));
    }

    [Fact]
    public async Task A_no_citation_needed_mark_for_a_claim_the_article_does_not_make_is_refused_and_not_stored()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var page = await editor.GetPageAsync(adminUrl);
        var version = page.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value;

        var refused = await editor.SubmitAsync(page, "form[action$='/content-checks/marks']",
            new() { ["Claim"] = "A claim the article never makes.", ["Reason"] = "A definition" });

        var after = await editor.FollowAsync(refused);
        Assert.Contains("is not an uncited claim of this article", after.QuerySelector("main")!.TextContent);
        Assert.Equal(version, after.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        Assert.DoesNotContain("A claim the article never makes.", await editor.Client.GetStringAsync(adminUrl + "/export"));
    }
}

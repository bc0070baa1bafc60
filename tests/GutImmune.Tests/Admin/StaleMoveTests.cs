using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A move (up or down one place) sent from a page opened before someone else saved is made on the order that page
/// showed: the same move made since changes nothing, another reordering since is a conflict, and content edits since merge.
/// </summary>
public class StaleMoveTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ListedSections = "#sections-heading + ol > li";

    /// <summary>Two Editors and the seed article (this class's own site: the tests reorder it, each from what it finds).</summary>
    private async Task<(StaffSession First, StaffSession Second, string AdminUrl)> TwoEditorsAsync()
    {
        var (first, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        return (first, await StaffSession.SignInAsync(factory, Roles.Editor), adminUrl);
    }

    private static List<string> Headings(IHtmlDocument article) =>
        article.QuerySelectorAll($"{ListedSections} .structure-title").Select(t => t.TextContent.Trim()).ToList();

    private static string MoveForm(IHtmlDocument article, int index) =>
        $"form[action='{article.QuerySelectorAll($"{ListedSections} .structure-title a")[index].GetAttribute("href")}/move']:has(button[value='1'])";

    [Fact]
    public async Task The_same_move_down_from_two_stale_pages_moves_the_section_once_and_says_nothing_had_changed()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);
        var seen = Headings(firstPage);

        await first.FollowAsync(await first.SubmitAsync(firstPage, MoveForm(firstPage, 0), [], "button"));
        var again = await second.FollowAsync(await second.SubmitAsync(secondPage, MoveForm(secondPage, 0), [], "button"));

        Assert.Equal([seen[1], seen[0], .. seen[2..]], Headings(again));
        Assert.StartsWith("Nothing had changed", again.QuerySelector(".flash")!.TextContent);
        Assert.DoesNotContain("merged with version", (await second.GetPageAsync(adminUrl + "/revisions")).QuerySelector("tbody tr")!.TextContent);
    }

    [Fact]
    public async Task A_stale_move_after_another_reordering_answers_409_with_the_current_order_and_changes_nothing()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);
        var seen = Headings(firstPage);

        var reordered = Headings(await first.FollowAsync(await first.SubmitAsync(firstPage, MoveForm(firstPage, 2), [], "button")));
        var refused = await second.SubmitAsync(secondPage, MoveForm(secondPage, 0), [], "button");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var conflict = await StaffSession.ParseAsync(refused);
        var field = conflict.QuerySelector(".conflict-field")!;
        Assert.Equal("Sections (which, and in what order)", field.QuerySelector("h3")!.TextContent);
        Assert.Contains($"1. {reordered[0]}\n2. {reordered[1]}\n3. {reordered[2]}\n4. {reordered[3]}", field.QuerySelector(".theirs")!.TextContent);
        Assert.Contains($"1. {seen[1]}\n2. {seen[0]}\n3. {seen[2]}", field.QuerySelector(".yours")!.TextContent);
        Assert.Null(conflict.QuerySelector("main form"));
        Assert.Equal(reordered, Headings(await second.GetPageAsync(adminUrl)));
    }

    [Fact]
    public async Task A_stale_move_merges_with_a_content_edit_made_since()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var firstPage = await first.GetPageAsync(adminUrl);
        var secondPage = await second.GetPageAsync(adminUrl);
        var seen = Headings(firstPage);

        await first.FollowAsync(await first.SubmitAsync(firstPage, $"form[action='{adminUrl}']", new() { ["Summary"] = "A summary saved before the move." }));
        var moved = await second.FollowAsync(await second.SubmitAsync(secondPage, MoveForm(secondPage, 1), [], "button"));

        Assert.Equal("Moved the section.", moved.QuerySelector(".flash")!.TextContent);
        Assert.Equal([seen[0], seen[2], seen[1], .. seen[3..]], Headings(moved));
        Assert.Equal("A summary saved before the move.", moved.QuerySelector<IHtmlTextAreaElement>("#Summary")!.Value);
    }

    [Fact]
    public async Task The_same_fact_move_from_two_stale_pages_moves_the_fact_once()
    {
        var (first, second, adminUrl) = await TwoEditorsAsync();
        var sectionUrl = StaffSession.LinkTo(await first.GetPageAsync(adminUrl), "Interesting Facts");
        var firstPage = await first.GetPageAsync(sectionUrl);
        var secondPage = await second.GetPageAsync(sectionUrl);
        List<string> Facts(IHtmlDocument section) => section.QuerySelectorAll("#items-heading + ol .structure-title").Select(t => t.TextContent.Trim()).ToList();
        string FactMoveDown(IHtmlDocument section) =>
            $"form[action='{section.QuerySelector("#items-heading + ol .structure-title a")!.GetAttribute("href")}/move']:has(button[value='1'])";
        var seen = Facts(firstPage);

        await first.FollowAsync(await first.SubmitAsync(firstPage, FactMoveDown(firstPage), [], "button"));
        var again = await second.FollowAsync(await second.SubmitAsync(secondPage, FactMoveDown(secondPage), [], "button"));

        Assert.Equal([seen[1], seen[0], .. seen[2..]], Facts(again));
        Assert.StartsWith("Nothing had changed", again.QuerySelector(".flash")!.TextContent);
    }
}

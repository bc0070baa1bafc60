using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>Renumbering and deleting references keep every citation pointing at the same work.</summary>
public class ReferenceTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<(StaffSession Editor, string AdminUrl)> EditorAsync()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        return (editor, list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!);
    }

    /// <summary>For each marker on the reader page, in reading order, the first authors of the references it links to.</summary>
    private async Task<List<string>> CitedAuthorsInReadingOrderAsync()
    {
        var page = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
        return page.QuerySelectorAll("sup.citation")
            .Select(sup => string.Join(" + ", sup.QuerySelectorAll("a")
                .Select(a => page.GetElementById(a.GetAttribute("href")![1..])!.TextContent.Trim().Split(',')[0]).Order()))
            .ToList();
    }

    [Fact]
    public async Task Renumbering_a_reference_rewrites_the_markers_that_cite_it_and_those_in_between()
    {
        var (editor, adminUrl) = await EditorAsync();
        var before = await CitedAuthorsInReadingOrderAsync();
        var edit = await editor.GetPageAsync(adminUrl);
        var karl = edit.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Edit or renumber") && a.ParentElement!.ParentElement!.TextContent.Contains("Karl JP")).GetAttribute("href")!;

        await editor.FollowAsync(await editor.SubmitAsync(karl, "main form", new() { ["Number"] = "2" }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var page = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
        Assert.StartsWith("Karl JP", page.GetElementById("ref-2")!.TextContent.Trim());
        Assert.StartsWith("Lazar V", page.GetElementById("ref-3")!.TextContent.Trim());
        Assert.StartsWith("Tuck CJ", page.GetElementById("ref-8")!.TextContent.Trim());
        Assert.Equal(before, await CitedAuthorsInReadingOrderAsync());
    }

    [Fact]
    public async Task Deleting_a_cited_reference_is_refused_with_the_places_citing_it()
    {
        var (editor, adminUrl) = await EditorAsync();

        var edit = await editor.GetPageAsync(adminUrl);
        var deleteUrl = edit.QuerySelector("a[href*='/citations/'][href$='/delete']")!.GetAttribute("href")!;

        var confirmation = await editor.GetPageAsync(deleteUrl);
        var explanation = confirmation.QuerySelector("main")!.TextContent;
        Assert.Contains("is still cited", explanation);
        Assert.Contains("Section “Interesting Facts About the Gut’s Immune System”, fact 2", explanation);
        Assert.Null(confirmation.QuerySelector("form.confirm-form"));

        // A confirmation sent anyway (from a page opened before the reference was cited) is refused all the same.
        var response = await editor.Client.PostAsync(deleteUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = edit.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = edit.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["Confirmed"] = "true",
        }));
        var message = (await editor.FollowAsync(response)).QuerySelector(".flash")!.TextContent;
        Assert.Contains("is still cited", message);
        Assert.Contains("Section “Introduction”", message);
        Assert.Equal(9, new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"))
            .QuerySelectorAll("section.references li").Length);
    }

    [Fact]
    public async Task Deleting_an_uncited_reference_closes_the_gap_and_keeps_later_citations_right()
    {
        var (editor, adminUrl) = await EditorAsync();
        var added = await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["Number"] = "1", ["AuthorNames"] = "Uncited A.", ["Title"] = "A reference nobody cites", ["Year"] = "2020",
        });
        await editor.FollowAsync(added);
        await editor.ReviewAndPublishAsync(adminUrl);
        var shifted = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
        Assert.StartsWith("Uncited A.", shifted.GetElementById("ref-1")!.TextContent.Trim());
        Assert.StartsWith("Vighi G", shifted.GetElementById("ref-2")!.TextContent.Trim());
        var before = await CitedAuthorsInReadingOrderAsync();

        var edit = await editor.GetPageAsync(adminUrl);
        var delete = edit.QuerySelectorAll("a[href*='/citations/'][href$='/delete']").First(a => a.ParentElement!.ParentElement!.TextContent.Contains("Uncited A."));
        await editor.FollowAsync(await editor.SubmitAsync(delete.GetAttribute("href")!, "form.confirm-form", []));
        await editor.ReviewAndPublishAsync(adminUrl);

        var page = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
        Assert.StartsWith("Vighi G", page.GetElementById("ref-1")!.TextContent.Trim());
        Assert.Null(page.GetElementById("ref-10"));
        Assert.Equal(before, await CitedAuthorsInReadingOrderAsync());
    }

    [Fact]
    public async Task A_reference_dated_after_next_year_is_refused_on_its_year_with_the_typed_values_kept()
    {
        var (editor, adminUrl) = await EditorAsync();
        var thisYear = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().Year;

        var response = await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["Number"] = "1", ["AuthorNames"] = "Future F.", ["Title"] = "A work from the future", ["Year"] = $"{thisYear + 2}",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains($"The year {thisYear + 2} is in the future.", page.QuerySelector("[name=Year]")!.Closest(".field")!.TextContent);
        Assert.Equal("A work from the future", page.QuerySelector<IHtmlInputElement>("[name=Title]")!.Value);
        Assert.Equal($"{thisYear + 2}", page.QuerySelector<IHtmlInputElement>("[name=Year]")!.Value);
        Assert.DoesNotContain("A work from the future", await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
        Assert.DoesNotContain("A work from the future", (await editor.GetPageAsync(adminUrl)).Body!.TextContent);
    }

    [Theory]
    [InlineData("See [7].", "See [2].")]
    [InlineData("See [2, 7].", "See [2, 3].")]
    [InlineData("See [6-8].", "See [2, 7, 8].")]
    [InlineData("Code `[7]` and link [7](https://example.org) stay.", "Code `[7]` and link [7](https://example.org) stay.")]
    [InlineData("Twice: [7] and [1].", "Twice: [2] and [1].")]
    public void Marker_rewriting_keeps_other_text_intact(string markdown, string expected)
    {
        // Reference 7 moves to 2: 2..6 become 3..7.
        var map = Enumerable.Range(1, 9).ToDictionary(n => n, n => n == 7 ? 2 : n is >= 2 and <= 6 ? n + 1 : n);

        Assert.Equal(expected, CitationMarkers.Rewrite(markdown, map));
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Search;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Reading;

public class SearchTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<IHtmlDocument> SearchAsync(string query, int page = 1)
    {
        var response = await factory.CreateClient().GetAsync($"/search?q={Uri.EscapeDataString(query)}&page={page}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Searching_antibiotics_lands_first_on_the_antibiotics_cause()
    {
        var page = await SearchAsync("antibiotics");

        var first = page.QuerySelector(".search-results li")!;
        Assert.Equal("Antibiotics", first.QuerySelector("h2")!.TextContent);
        Assert.Equal("/articles/gut-immune-system-connection/causes-of-gut-imbalance#causes-of-gut-imbalance-antibiotics",
            first.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains("antibiotics", first.QuerySelector("mark")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Result_links_lead_to_a_section_page_that_holds_the_anchor()
    {
        var page = await SearchAsync("antibiotics");
        var href = page.QuerySelector(".search-results h2 a")!.GetAttribute("href")!;
        var (path, anchor) = (href.Split('#')[0], href.Split('#')[1]);

        var section = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync(path));

        Assert.NotNull(section.GetElementById(anchor));
    }

    [Theory]
    [InlineData("immune system", "immune")]
    [InlineData("Propionibacterium", "Propionibacterium")]
    [InlineData("Bishehsari", "Bishehsari")]
    [InlineData("lympho", "lymphoid")]
    public async Task Words_stems_prefixes_and_references_are_found(string query, string highlighted)
    {
        var page = await SearchAsync(query);

        Assert.Contains(page.QuerySelectorAll(".search-results mark"), m => m.TextContent.StartsWith(highlighted, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("gut AND OR NOT")]
    [InlineData("NEAR(gut immune")]
    [InlineData("*")]
    [InlineData("((((")]
    [InlineData("gut\" OR \"x")]
    [InlineData("Heading:gut")]
    [InlineData("🦠 microbes 🧫")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%00")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Any_input_gets_a_results_page_or_a_clear_nothing_found(string query)
    {
        var page = await SearchAsync(query);

        Assert.Equal("Search", page.QuerySelector("main h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task Overlong_query_is_answered()
    {
        var page = await SearchAsync(string.Join(" ", Enumerable.Repeat("microbiome", 200))[..2000]);

        Assert.NotEmpty(page.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Query_without_matches_says_nothing_was_found()
    {
        var page = await SearchAsync("xylophonezebra");

        Assert.Contains("Nothing found for “xylophonezebra”", page.QuerySelector(".no-results")!.TextContent);
    }

    [Fact]
    public async Task Results_are_paginated()
    {
        var first = await SearchAsync("gut");
        var total = int.Parse(first.QuerySelector("main p[role=status]")!.TextContent.Split(' ')[0]);
        Assert.True(total > ArticleSearch.PageSize, $"only {total} results");

        var second = await SearchAsync("gut", 2);

        Assert.Equal(ArticleSearch.PageSize, first.QuerySelectorAll(".search-results li").Length);
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
        Assert.Equal((ArticleSearch.PageSize + 1).ToString(), second.QuerySelector(".search-results")!.GetAttribute("start"));
        Assert.NotEqual(first.QuerySelector(".search-results")!.InnerHtml, second.QuerySelector(".search-results")!.InnerHtml);
    }

    [Fact]
    public async Task Index_follows_edits_and_never_shows_unpublished_articles()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Synthetic quokkaword article", ["Slug"] = "synthetic-search", ["Summary"] = "Made by a search test.", ["AuthorName"] = "Test",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Body", ["Body"] = "The marmosetword appears here." }));
        Assert.NotNull((await SearchAsync("marmosetword")).QuerySelector(".no-results"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));
        Assert.Equal("Body", (await SearchAsync("marmosetword")).QuerySelector(".search-results h2")!.TextContent);

        var section = await editor.GetPageAsync((await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a").First(a => a.TextContent == "Body").GetAttribute("href")!);
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "Now it says capybaraword." }));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".no-results")); // a saved change waits in the working copy
        await editor.PublishChangesAsync(adminUrl);
        Assert.NotNull((await SearchAsync("marmosetword")).QuerySelector(".no-results"));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".search-results"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".no-results"));
    }

    [Fact]
    public async Task Snippets_encode_the_text_and_highlight_only_the_hits()
    {
        var page = await SearchAsync("cholesterol");

        var snippet = page.QuerySelectorAll(".search-results li p").Last();
        Assert.All(snippet.Children, child => Assert.Equal("MARK", child.TagName));
    }

    [Fact]
    public async Task A_word_found_almost_everywhere_ranks_only_the_newest_matches_and_says_so()
    {
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services))
        {
            var editor = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GutImmune.Web.Editing.ArticleEditor>(scope.ServiceProvider);
            await editor.CreateAsync(new GutImmune.Web.Content.Article
            {
                Slug = "synthetic-many-facts", Title = "Synthetic many facts", Summary = "Synthetic.", AuthorName = "Test",
                Status = GutImmune.Web.Content.ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
                // More matching places than search ranks, in sections of as many facts as a section may hold.
                Sections = Enumerable.Range(1, ArticleSearch.MaxCandidates / GutImmune.Web.Content.ContentLimits.ItemsPerSection + 1).Select(s =>
                    new GutImmune.Web.Content.Section { Slug = $"facts-{s}", Heading = $"Facts {s}", Kind = GutImmune.Web.Content.SectionKind.FactList,
                        Facts = Enumerable.Range(1, GutImmune.Web.Content.ContentLimits.ItemsPerSection).Select(n => new GutImmune.Web.Content.Fact { Text = $"Synthetic wombatword fact {s}.{n}." }).ToList() }).ToList(),
            }, "Synthetic", default);
        }

        var page = await SearchAsync("wombatword");

        Assert.StartsWith($"More than {ArticleSearch.MaxCandidates} results", page.QuerySelector("main p[role=status]")!.TextContent);
        Assert.Equal(ArticleSearch.PageSize, page.QuerySelectorAll(".search-results li").Length);
    }

    [Theory]
    [InlineData("gut \"health", "\"gut\" \"health\"*")]
    [InlineData("NEAR(a b)", "\"NEAR\" \"a\" \"b\"*")]
    [InlineData("*** ))", null)]
    public void Query_is_reduced_to_quoted_words(string input, string? expected)
    {
        Assert.Equal(expected, SearchQuery.ToMatchExpression(input, lastWordAsPrefix: true));
        Assert.Equal(expected?.TrimEnd('*'), SearchQuery.ToMatchExpression(input));
    }
}

/// <summary>Search against the site's own clock, which the test moves: nothing is found before readers may see it.</summary>
public class ScheduledSearchTests : IClassFixture<ScheduledSearchTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private readonly ClockedSite _site;

    public ScheduledSearchTests(ClockedSite site) => _site = site;

    private async Task<IReadOnlyList<string>> ResultLinksAsync(string query)
    {
        var response = await _site.CreateClient().GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")!.Split('/')[2]).Distinct().ToList();
    }

    [Fact]
    public async Task Search_never_finds_a_draft_or_a_scheduled_article_and_finds_the_scheduled_one_once_it_is_due()
    {
        var now = _site.Clock.GetUtcNow().UtcDateTime;
        const string body = "Only these articles mention the numbatword.";
        await SyntheticArticles.CreateAsync(_site, "search-published", "Published", ArticleStatus.Published, now.AddMinutes(-1), [], body);
        await SyntheticArticles.CreateAsync(_site, "search-scheduled", "Scheduled", ArticleStatus.Published, now.AddHours(1), [], body);
        await SyntheticArticles.CreateAsync(_site, "search-draft", "Draft", ArticleStatus.Draft, null, [], body);
        await SyntheticArticles.CreateAsync(_site, "search-in-review", "In review", ArticleStatus.InReview, null, [], body);
        await SyntheticArticles.CreateAsync(_site, "search-unpublished", "Unpublished", ArticleStatus.Unpublished, now.AddDays(-1), [], body);

        Assert.Equal(["search-published"], await ResultLinksAsync("numbatword"));

        _site.Clock.Advance(TimeSpan.FromHours(2));
        // The cached results page would expire by itself within a minute (ReaderPageCache.ListingLifetime), on the real clock.
        await _site.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(ReaderPageCache.ListingsTag, default);

        Assert.Equal(["search-published", "search-scheduled"], (await ResultLinksAsync("numbatword")).Order());
    }
}

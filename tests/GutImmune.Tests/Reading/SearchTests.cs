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

        var first = page.QuerySelector(".search-places li")!;
        Assert.Equal("Antibiotics", first.QuerySelector("h3")!.TextContent);
        Assert.Equal("/articles/gut-immune-system-connection/causes-of-gut-imbalance#causes-of-gut-imbalance-antibiotics",
            first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Contains("antibiotics", first.QuerySelector("mark")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Result_links_lead_to_a_section_page_that_holds_the_anchor()
    {
        var page = await SearchAsync("antibiotics");
        var href = page.QuerySelector(".search-places h3 a")!.GetAttribute("href")!;
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
    [InlineData("ａｎｔｉｂｉｏｔｉｃｓ")]
    [InlineData("ANTIBIOTICS")]
    public async Task Full_width_letters_and_capitals_find_what_their_plain_spelling_finds(string query)
    {
        var plain = (await SearchAsync("antibiotics")).QuerySelector(".search-places h3 a")!.GetAttribute("href");

        Assert.Equal(plain, (await SearchAsync(query)).QuerySelector(".search-places h3 a")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("\ufb01ber", "fiber")]
    [InlineData("e\u0301", "é")]
    public void A_ligature_is_its_letters_and_a_combining_accent_joins_its_letter(string typed, string word)
    {
        Assert.Equal([word], SearchQuery.Words(typed));
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
    public async Task A_query_asking_two_searches_at_once_is_a_bad_request_in_either_order_cached_or_not()
    {
        var client = factory.CreateClient();

        // Each twice: the second answer may come from the output cache.
        foreach (var (url, first) in new[] { ("/search?q=antibiotics&q=immune", "antibiotics"), ("/search?q=immune&q=antibiotics", "immune"),
                     ("/search?q=immune&q=antibiotics", "immune"), ("/search?q=antibiotics&q=immune", "antibiotics"), ("/search?q=immune&q=", "immune"),
                     ("/search?q=immune&page=1&q=immune", "immune&page=1") })
        {
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal("This address gives “q” more than once", page.QuerySelector("main h1")?.TextContent);
            Assert.Contains("Given twice: send q once.", page.QuerySelector("main")!.TextContent);
            Assert.Equal($"/search?q={first}", page.QuerySelector("main p a")?.GetAttribute("href"));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("probiotics")]
    [InlineData("xylophonezebra")]
    public async Task The_search_page_has_one_search_form_not_the_header_s_beside_its_own(string query)
    {
        var page = await SearchAsync(query);
        var home = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync("/"));

        Assert.Equal("search-page-query", Assert.Single(page.QuerySelectorAll("[role=search]")).QuerySelector("input")!.Id);
        Assert.Equal("site-search", Assert.Single(home.QuerySelectorAll("[role=search]")).QuerySelector("input")!.Id);
    }

    [Fact]
    public async Task Query_without_matches_says_nothing_was_found()
    {
        var page = await SearchAsync("xylophonezebra");

        Assert.Contains("Nothing found for “xylophonezebra”", page.QuerySelector(".no-results")!.TextContent);
    }

    [Fact]
    public async Task Results_are_paginated_by_article()
    {
        for (var i = 1; i <= ArticleSearch.PageSize + 2; i++)
            await SyntheticArticles.CreateAsync(factory, $"synthetic-paged-{i}", $"Synthetic paged {i}", ArticleStatus.Published,
                DateTime.UtcNow.AddMinutes(-1), [], "The pangolinword is here, and the pangolinword again.");

        var first = await SearchAsync("pangolinword");
        var total = int.Parse(first.QuerySelector("main p[role=status]")!.TextContent.Split(' ')[0]);
        Assert.True(total > ArticleSearch.PageSize, $"only {total} results");

        var second = await SearchAsync("pangolinword", 2);

        Assert.Equal(ArticleSearch.PageSize, first.QuerySelectorAll(".search-results > li").Length);
        Assert.Equal("/search?q=pangolinword&page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/search?q=pangolinword", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal((ArticleSearch.PageSize + 1).ToString(), second.QuerySelector(".search-results")!.GetAttribute("start"));
        Assert.NotEqual(first.QuerySelector(".search-results")!.InnerHtml, second.QuerySelector(".search-results")!.InnerHtml);
    }

    [Fact]
    public async Task Index_follows_edits_and_never_shows_unpublished_articles()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Reviewer);
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Synthetic quokkaword article", ["Slug"] = "synthetic-search", ["Summary"] = "Made by a search test.", ["AuthorName"] = "Test",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Body", ["Body"] = "The marmosetword appears here." }));
        Assert.NotNull((await SearchAsync("marmosetword")).QuerySelector(".no-results"));

        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.Equal("Body", (await SearchAsync("marmosetword")).QuerySelector(".search-places h3")!.TextContent);

        var section = await editor.GetPageAsync((await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a").First(a => a.TextContent == "Body").GetAttribute("href")!);
        await editor.FollowAsync(await editor.SubmitAsync(section, "main form", new() { ["Body"] = "Now it says capybaraword." }));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".no-results")); // a saved change waits in the working copy
        await editor.ReviewAndPublishAsync(adminUrl);
        Assert.NotNull((await SearchAsync("marmosetword")).QuerySelector(".no-results"));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".search-results"));

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/unpublish", "form.confirm-form", []));
        Assert.NotNull((await SearchAsync("capybaraword")).QuerySelector(".no-results"));
    }

    [Theory]
    [InlineData("figure")]
    [InlineData("figcaption")]
    [InlineData("blockquote")]
    public async Task Markup_the_seed_article_renders_to_is_not_found_by_its_tag_names(string tagName)
    {
        var page = await SearchAsync(tagName);

        Assert.NotNull(page.QuerySelector(".no-results"));
    }

    [Fact]
    public async Task The_seed_article_s_snippet_beside_its_quoted_figure_holds_only_words_readers_see()
    {
        var page = await SearchAsync("balanced gut strengthens");

        var snippet = page.QuerySelector(".search-places li p")!.TextContent;
        Assert.Contains("strengthens", snippet);
        Assert.DoesNotContain("<", snippet);
        Assert.DoesNotContain("figure", snippet);
    }

    [Fact]
    public async Task Snippets_encode_the_text_and_highlight_only_the_hits()
    {
        var page = await SearchAsync("cholesterol");

        var snippet = page.QuerySelectorAll(".search-results li p").Last();
        Assert.All(snippet.Children, child => Assert.Equal("MARK", child.TagName));
    }

    [Fact]
    public async Task One_more_matching_place_in_an_article_is_said_in_the_singular()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<GutImmune.Web.Editing.ArticleEditor>().CreateAsync(new Article
            {
                Slug = "synthetic-one-more-place", Title = "Synthetic one more place", Summary = "Synthetic.", AuthorName = "Test",
                Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
                Sections = Enumerable.Range(1, ArticleSearch.PlacesPerArticle + 1).Select(n => new Section { Slug = $"facts-{n}", Heading = $"Facts {n}",
                    Kind = SectionKind.FactList, Facts = [new Fact { Text = $"Synthetic quokkaword fact {n}." }] }).ToList(),
            }, "Synthetic", default);
            Assert.IsType<GutImmune.Web.Editing.EditOutcome.Saved>(created);
        }

        var page = await SearchAsync("quokkaword");

        Assert.Equal("1 more place in this article matches.", page.QuerySelector(".search-results p.meta")!.TextContent);
    }

    [Fact]
    public async Task A_long_query_is_repeated_as_the_words_searched_not_whole()
    {
        var query = "antibiotics " + string.Join(" ", Enumerable.Range(1, 400).Select(n => $"padding{n}"));

        var page = await SearchAsync(query);

        var status = page.QuerySelector("main p[role=status]")!.TextContent;
        Assert.Contains($"“{string.Join(" ", SearchQuery.Words(query))} …”", status);
        Assert.DoesNotContain($"padding{SearchQuery.MaxWords}", status);
        Assert.True(status.Length < 300, status);
        Assert.Contains("for “antibiotics”", (await SearchAsync("antibiotics")).QuerySelector("main p[role=status]")!.TextContent);
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

        Assert.Contains($"among the newest {ArticleSearch.MaxCandidates} matching places", page.QuerySelector("main p[role=status]")!.TextContent);
        var article = Assert.Single(page.QuerySelectorAll(".search-results > li"));
        Assert.Equal(ArticleSearch.PlacesPerArticle, article.QuerySelectorAll(".search-places li").Length);
        Assert.Contains("more places in this article match", article.QuerySelector("p.meta")!.TextContent);
    }

    [Fact]
    public async Task An_article_is_one_result_with_its_best_places_under_it_each_snippet_holding_a_matched_word()
    {
        var page = await SearchAsync("probiotics");

        var articles = page.QuerySelectorAll(".search-results > li");
        var seed = Assert.Single(articles);
        Assert.Equal("/articles/gut-immune-system-connection", seed.QuerySelector("h2 a")!.GetAttribute("href"));
        var places = seed.QuerySelectorAll(".search-places li");
        Assert.InRange(places.Length, 2, ArticleSearch.PlacesPerArticle);
        Assert.Equal(places.Length, places.Select(p => p.QuerySelector("h3 a")!.GetAttribute("href")).Distinct().Count());
        Assert.All(places, place => Assert.Contains(place.QuerySelectorAll("p mark"), m => m.TextContent.StartsWith("probiotic", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_place_whose_heading_alone_holds_the_word_shows_its_heading_highlighted_as_the_snippet()
    {
        // "Pushing Yourself Too Hard": the cause's text never says "pushing".
        var page = await SearchAsync("pushing");

        var place = page.QuerySelector(".search-places li")!;
        Assert.Equal("Pushing Yourself Too Hard", place.QuerySelector("h3")!.TextContent);
        Assert.Equal("Pushing", place.QuerySelector("p mark")!.TextContent);
    }

    [Fact]
    public async Task An_article_with_the_words_in_its_title_ranks_above_one_with_them_only_in_its_text()
    {
        await SyntheticArticles.CreateAsync(factory, "synthetic-text-only", "Synthetic text only", ArticleStatus.Published,
            DateTime.UtcNow.AddMinutes(-1), [], "The okapiword okapiword okapiword is named here, often: okapiword.");
        await SyntheticArticles.CreateAsync(factory, "synthetic-titled", "Synthetic okapiword guide", ArticleStatus.Published,
            DateTime.UtcNow.AddMinutes(-2), [], "A long text that names it once, among many other words about other things: okapiword.");

        var page = await SearchAsync("okapiword");

        Assert.Equal(["/articles/synthetic-titled", "/articles/synthetic-text-only"],
            page.QuerySelectorAll(".search-results > li > h2 a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_misspelt_query_that_finds_nothing_shows_the_results_of_its_correction_from_the_index_vocabulary()
    {
        var page = await SearchAsync("antibiotcs");

        Assert.Contains("Nothing found for “antibiotcs”", page.QuerySelector(".did-you-mean")!.TextContent);
        Assert.Equal("/search?q=antibiotics", page.QuerySelector(".did-you-mean a")!.GetAttribute("href"));
        Assert.Equal("Antibiotics", page.QuerySelector(".search-places h3")!.TextContent);
        Assert.Equal("antibiotcs", page.QuerySelector("#search-page-query")!.GetAttribute("value"));
    }

    [Fact]
    public async Task No_correction_is_offered_from_words_readers_may_not_see()
    {
        await SyntheticArticles.CreateAsync(factory, "synthetic-draft-word", "Synthetic draft", ArticleStatus.Draft, null, [], "The secretdraftword is here.");

        var page = await SearchAsync("secretdraftwork");

        Assert.Null(page.QuerySelector(".did-you-mean"));
        Assert.NotNull(page.QuerySelector(".no-results"));
    }

    [Fact]
    public async Task A_phrase_of_the_synonym_list_finds_its_synonyms()
    {
        var page = await SearchAsync("gut flora");

        Assert.Contains(page.QuerySelectorAll(".search-results mark"), m => m.TextContent.Equals("microbiome", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("antibiotcs", new[] { "antibiotics", "antibiotic", "antibodies" }, "antibiotics")]
    [InlineData("cholestrol", new[] { "cholesterol", "chronic" }, "cholesterol")]
    [InlineData("gut", new[] { "gut", "guts" }, null)]
    [InlineData("xylophone", new[] { "xenobiotics" }, null)]
    [InlineData("galt", new[] { "galt", "gall" }, null)]
    [InlineData("gaalt", new[] { "galt" }, "galt")]
    [InlineData("bacteira", new[] { "bacteria", "bacterial" }, "bacteria")]
    public void Spelling_is_corrected_to_the_closest_vocabulary_word(string word, string[] vocabulary, string? expected)
    {
        Assert.Equal(expected, SpellingCorrection.Closest(word, vocabulary));
    }

    [Fact]
    public void A_synonym_phrase_becomes_one_term_that_any_of_its_phrases_match()
    {
        var groups = new[] { new SynonymGroup { Phrases = "microbiome, gut flora" } };

        var query = SearchQuery.Parse("Gut flora probiotics", groups)!;

        Assert.Equal("(\"microbiome\" OR (\"gut\" AND \"flora\")) AND \"probiotics\"", query.ToMatchExpression());
        Assert.Equal("(microbiome | (gut & flora)) & probiotics", query.ToTsQuery());
    }

    [Fact]
    public void The_weighed_expression_keeps_the_query_s_shape_without_the_phrases_left_out()
    {
        var groups = new[] { new SynonymGroup { Phrases = "microbiome, gut flora" } };
        var query = SearchQuery.Parse("Gut flora probiotics lympho", groups, lastWordAsPrefix: true)!;

        Assert.Equal(["\"microbiome\"", "\"gut\"", "\"flora\"", "\"probiotics\"", "\"lympho\"*"], query.ToMatchPhrases());
        Assert.Equal("(\"microbiome\" OR \"flora\") AND \"lympho\"*", query.ToMatchExpression(p => p is not ("\"gut\"" or "\"probiotics\"")));
        Assert.Equal("\"flora\"", query.ToMatchExpression(p => p == "\"flora\""));
        Assert.Equal("", query.ToMatchExpression(_ => false));
    }

    [Theory]
    [InlineData("gut \"health", "\"gut\" AND \"health\"*")]
    [InlineData("NEAR(a b)", "\"near\" AND \"a\" AND \"b\"*")]
    [InlineData("*** ))", null)]
    public void Query_is_reduced_to_quoted_words(string input, string? expected)
    {
        Assert.Equal(expected, SearchQuery.Parse(input, [], lastWordAsPrefix: true)?.ToMatchExpression());
        Assert.Equal(expected?.TrimEnd('*'), SearchQuery.Parse(input, [])?.ToMatchExpression());
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

using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Caching;

/// <summary>
/// The candidates for related articles are kept per set of topics (RelatedArticlesCache): a page whose own surroundings
/// were never built takes them from what another page with the same topics read. Requests send credentials, so the
/// output cache neither serves nor stores the pages; titles changed behind the site's back show what was kept.
/// </summary>
public class RelatedArticlesCacheTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Pages_with_the_same_topics_share_their_candidates_until_an_article_is_published_or_withdrawn()
    {
        string[] topics = ["kept-related-topic"];
        var client = factory.CreateUncachedClient();
        var now = DateTime.UtcNow;
        await SyntheticArticles.CreateAsync(factory, "kept-related-first", "First page", ArticleStatus.Published, now.AddDays(-5), topics);
        await SyntheticArticles.CreateAsync(factory, "kept-related-second", "Second page", ArticleStatus.Published, now.AddDays(-4), topics);
        var relatedId = await SyntheticArticles.CreateAsync(factory, "kept-related-card", "Card before", ArticleStatus.Published, now.AddDays(-3), topics);
        Assert.Contains("Card before", await client.GetStringAsync("/articles/kept-related-first"));

        await factory.RetitleEditionBehindTheSitesBackAsync("kept-related-card", "Card renamed behind the site");
        // The second page was never read: its related articles come from the candidates the first page read.
        var second = await client.GetStringAsync("/articles/kept-related-second");
        Assert.Contains("Card before", second);
        Assert.Contains("First page", second);
        Assert.DoesNotContain("/articles/kept-related-second\"", RelatedOf(second));

        await SyntheticArticles.CreateAsync(factory, "kept-related-new", "Newly published card", ArticleStatus.Published, now.AddDays(-1), topics);
        var third = await client.GetStringAsync("/articles/kept-related-card");
        Assert.Contains("Newly published card", RelatedOf(third));
        Assert.Contains("Second page", RelatedOf(third));

        var version = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Id == relatedId).Select(a => a.Version).SingleAsync());
        Assert.IsType<EditOutcome.Saved>(await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.EditAsync(relatedId, version, "Withdrawn", article => { article.Status = ArticleStatus.Unpublished; return null; }, default)));
        var first = RelatedOf(await client.GetStringAsync("/articles/kept-related-first"));
        Assert.DoesNotContain("Card renamed behind the site", first);
        Assert.Contains("Newly published card", first);
    }

    private static string RelatedOf(string page) => page[page.IndexOf("class=\"related\"", StringComparison.Ordinal)..];
}

/// <summary>How the kept candidates give each article its related articles: as if each had queried the newest of the others.</summary>
public class RelatedCandidatesTests
{
    private static readonly DateTime Then = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RelatedCandidates.Ranked Card(int articleId) =>
        new(articleId, new ArticleListItem($"article-{articleId}", $"Article {articleId}", "", "", Then, Then, null));

    private static List<string> Slugs(IEnumerable<ArticleListItem> cards) => cards.Select(c => c.Slug).ToList();

    [Fact]
    public void An_article_among_the_candidates_is_left_out_of_its_own_related_articles()
    {
        var candidates = new RelatedCandidates([1, 2, 3, 4, 5], [Card(3), Card(1), Card(5), Card(2)], null);
        Assert.Equal(["article-1", "article-5", "article-2"], Slugs(candidates.For(3)));
        Assert.Equal(["article-3", "article-1", "article-5"], Slugs(candidates.For(2)));
    }

    [Fact]
    public void An_article_older_than_all_considered_leaves_out_the_oldest_candidate_as_a_query_of_the_others_would()
    {
        var newest = Enumerable.Range(1, RelatedCandidates.Considered + 1).ToList();
        var oldest = newest[^1];
        var candidates = new RelatedCandidates(newest, [Card(oldest), Card(1), Card(2), Card(3)], null);
        Assert.Equal(["article-1", "article-2", "article-3"], Slugs(candidates.For(1000)));
        Assert.Equal([$"article-{oldest}", "article-2", "article-3"], Slugs(candidates.For(1)));
    }

    [Fact]
    public void With_few_candidates_an_article_that_is_not_among_them_gets_the_best()
    {
        var candidates = new RelatedCandidates([1, 2], [Card(2), Card(1)], null);
        Assert.Equal(["article-2", "article-1"], Slugs(candidates.For(1000)));
    }
}

namespace GutImmune.Web.Search;

/// <summary>
/// Groups the index's matches into articles and orders them: an article by its best evidence (a word of the query in
/// its title, then in a heading, then only in the text), then by its best score; its places (a section with its facts,
/// a cause, a reference) by their best entry's score, references after the content that cites them.
/// </summary>
public static class SearchRanking
{
    public sealed record RankedArticle(string Slug, string Title, FullTextMatch? Summary, IReadOnlyList<FullTextMatch> Places);

    private enum Evidence { Title, Heading, Text }

    public static IReadOnlyList<RankedArticle> Rank(IReadOnlyList<FullTextMatch> matches) => matches
        .GroupBy(m => m.ArticleId)
        .Select(article =>
        {
            var summary = article.FirstOrDefault(IsTitleAndSummary);
            var places = article.Where(m => !IsTitleAndSummary(m))
                .GroupBy(m => (m.SectionSlug, m.Anchor))
                .Select(place => place.MaxBy(m => (m.Score, m.InHeading))!)
                // A heading hit decides between equal scores: the score of words too common to weigh is 0 (see SqliteFullTextIndex).
                .OrderBy(IsReference).ThenByDescending(m => m.Score).ThenByDescending(m => m.InHeading).ThenBy(m => m.EntryId)
                .ToList();
            var evidence = summary?.InHeading == true ? Evidence.Title
                : places.Any(p => p.InHeading && !IsReference(p)) ? Evidence.Heading
                : Evidence.Text;
            var first = article.First();
            return (Evidence: evidence, Score: article.Max(m => m.Score), first.ArticleId,
                Article: new RankedArticle(first.ArticleSlug, first.ArticleTitle, summary, places));
        })
        .OrderBy(a => a.Evidence).ThenByDescending(a => a.Score).ThenByDescending(a => a.ArticleId)
        .Select(a => a.Article)
        .ToList();

    /// <summary>The article's own entry: its title as the heading, its summary as the text (see SearchIndexer).</summary>
    private static bool IsTitleAndSummary(FullTextMatch match) => match.SectionSlug is null && match.Anchor is null;

    private static bool IsReference(FullTextMatch match) => match.SectionSlug is null && match.Anchor is not null;
}

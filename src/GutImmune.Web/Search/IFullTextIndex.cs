namespace GutImmune.Web.Search;

/// <summary>
/// The database engine's full-text index over <see cref="SearchEntry"/> rows: SQLite's FTS5 or PostgreSQL's tsvector.
/// AddContentStore registers the one that matches the engine; <see cref="ArticleSearch"/> is the only caller, and
/// groups the matches into articles the same way whichever engine found them.
/// </summary>
public interface IFullTextIndex
{
    /// <summary>
    /// The entries matching <paramref name="query"/> in articles readers may see at <paramref name="now"/>, in no
    /// particular order, each with its score (higher is better; headings weigh more than text) and whether its heading
    /// holds a word of the query. Only the newest <see cref="ArticleSearch.MaxCandidates"/> matches are read, so the cost
    /// stays bounded however common the words are.
    /// </summary>
    Task<IReadOnlyList<FullTextMatch>> FindAsync(SearchExpression query, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// For the entries shown: the heading and an excerpt of the text (about 24 words around the hits), plain text in
    /// which <see cref="ArticleSearch.MarkStart"/> and <see cref="ArticleSearch.MarkEnd"/> surround the words of the query.
    /// </summary>
    Task<IReadOnlyDictionary<int, FullTextSnippet>> SnippetsAsync(SearchExpression query, IReadOnlyCollection<int> entryIds, CancellationToken cancellationToken);

    /// <summary>
    /// Words of the index's own vocabulary (as written, not stemmed; lower case) that start with the first letter of
    /// <paramref name="word"/> and are at most <paramref name="lengthDifference"/> letters longer or shorter: the
    /// candidates for correcting a misspelling.
    /// </summary>
    Task<IReadOnlyList<string>> WordsLikeAsync(string word, int lengthDifference, CancellationToken cancellationToken);
}

public sealed record FullTextMatch(
    int EntryId, int ArticleId, string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, double Score, bool InHeading);

public sealed record FullTextSnippet(string Heading, string Body);

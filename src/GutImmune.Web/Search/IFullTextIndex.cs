namespace GutImmune.Web.Search;

/// <summary>
/// The database engine's full-text index over <see cref="SearchEntry"/> rows: SQLite's FTS5 or PostgreSQL's tsvector.
/// AddContentStore registers the one that matches the engine; <see cref="ArticleSearch"/> is the only caller.
/// </summary>
public interface IFullTextIndex
{
    /// <summary>
    /// One page of the entries matching every word of <paramref name="query"/> (the last also as a prefix when
    /// <paramref name="lastWordAsPrefix"/>), in articles readers may see at <paramref name="now"/>, best first (headings
    /// weigh more than text), and how many there are. Only the newest <see cref="ArticleSearch.MaxCandidates"/> matches are
    /// ranked, so the cost stays bounded however common the words are. Snippets are plain text in which
    /// <see cref="ArticleSearch.MarkStart"/> and <see cref="ArticleSearch.MarkEnd"/> surround the hits; they are made for
    /// the page's rows only.
    /// </summary>
    Task<(IReadOnlyList<FullTextMatch> Page, int Total)> FindAsync(
        string query, bool lastWordAsPrefix, DateTime now, int skip, int take, CancellationToken cancellationToken);
}

public sealed record FullTextMatch(string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, string Snippet);

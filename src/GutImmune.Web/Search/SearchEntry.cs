namespace GutImmune.Web.Search;

/// <summary>
/// One searchable place of an article: its title, a section, a fact, a cause or a reference, as plain text. On SQLite
/// the FTS5 table SearchIndex indexes these rows (external content, kept in step by triggers; see the AddSearch
/// migration); on PostgreSQL a generated tsvector column of this table does, which is not mapped here (see the
/// Postgres Initial migration).
/// </summary>
public class SearchEntry
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The section the hit is in; null for the article's title and summary and for references.</summary>
    public string? SectionSlug { get; set; }
    /// <summary>The fragment to jump to: a cause's anchor or a reference's, if any.</summary>
    public string? Anchor { get; set; }
    public required string Heading { get; set; }
    public required string Body { get; set; }
}

using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>
/// SQLite's FTS5 table SearchIndex (external content over SearchEntries, kept in step by triggers; see the AddSearch
/// migration), ranked by bm25 with headings weighted 5 to 1 over text, Porter-stemmed.
/// </summary>
public sealed class SqliteFullTextIndex(GutImmuneDbContext db) : IFullTextIndex
{
    public async Task<(IReadOnlyList<FullTextMatch> Page, int Total)> FindAsync(string query, DateTime now, int skip, int take, CancellationToken cancellationToken)
    {
        var match = SearchQuery.ToMatchExpression(query);
        if (match is null)
            return ([], 0);
        var published = nameof(ArticleStatus.Published);
        var page = await db.Database.SqlQuery<FullTextMatch>($"""
            SELECT a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading,
                   snippet(SearchIndex, 1, char(1), char(2), '…', 24) AS Snippet
            FROM SearchIndex
            JOIN SearchEntries e ON e.Id = SearchIndex.rowid
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE SearchIndex MATCH {match} AND a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY bm25(SearchIndex, 5.0, 1.0)
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value
            FROM SearchIndex
            JOIN SearchEntries e ON e.Id = SearchIndex.rowid
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE SearchIndex MATCH {match} AND a.Status = {published} AND a.PublishedAt <= {now}
            """).SingleAsync(cancellationToken);
        return (page, total);
    }
}

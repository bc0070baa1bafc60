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
    private sealed record Row(int Id, string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, double Score, int Total);

    private sealed record Snippet(int Id, string Text);

    public async Task<(IReadOnlyList<FullTextMatch> Page, int Total)> FindAsync(
        string query, bool lastWordAsPrefix, DateTime now, int skip, int take, CancellationToken cancellationToken)
    {
        var match = SearchQuery.ToMatchExpression(query, lastWordAsPrefix);
        if (match is null)
            return ([], 0);
        // FTS5 walks a term's matches by rowid, so "ORDER BY rowid DESC LIMIT" stops early: the cost is bounded by
        // MaxCandidates however common the words are. Only then are the candidates ranked and filtered to what readers may see.
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH candidates AS (
                SELECT rowid AS Id, bm25(SearchIndex, 5.0, 1.0) AS Score
                FROM SearchIndex WHERE SearchIndex MATCH {match}
                ORDER BY rowid DESC LIMIT {ArticleSearch.MaxCandidates})
            SELECT e.Id, a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading, c.Score,
                   count(*) OVER () AS Total
            FROM candidates c
            JOIN SearchEntries e ON e.Id = c.Id
            JOIN ReaderEditions a ON a.ArticleId = e.ArticleId
            WHERE a.PublishedAt <= {now}
            ORDER BY c.Score, e.Id
            LIMIT {take} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(match, now, cancellationToken);

        // Snippets only for the rows shown: snippet() needs the match context, looked up by rowid.
        var ids = rows.Select(r => r.Id).ToList();
        var idList = System.Text.Json.JsonSerializer.Serialize(ids);
        var snippets = ids.Count == 0 ? [] : (await db.Database.SqlQuery<Snippet>($"""
                SELECT rowid AS Id, snippet(SearchIndex, 1, char(1), char(2), '…', 24) AS Text
                FROM SearchIndex WHERE SearchIndex MATCH {match} AND rowid IN (SELECT value FROM json_each({idList}))
                """).ToListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Text);

        var page = rows.Select(r => new FullTextMatch(r.ArticleSlug, r.ArticleTitle, r.SectionSlug, r.Anchor, r.Heading,
            snippets.GetValueOrDefault(r.Id, ""))).ToList();
        return (page, total);
    }

    /// <summary>For a page past the last result: how many results there are, for the message.</summary>
    private async Task<int> CountAsync(string match, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            WITH candidates AS (
                SELECT rowid AS Id FROM SearchIndex WHERE SearchIndex MATCH {match} ORDER BY rowid DESC LIMIT {ArticleSearch.MaxCandidates})
            SELECT count(*) AS Value FROM candidates c
            JOIN SearchEntries e ON e.Id = c.Id
            JOIN ReaderEditions a ON a.ArticleId = e.ArticleId
            WHERE a.PublishedAt <= {now}
            """).SingleAsync(cancellationToken);
}

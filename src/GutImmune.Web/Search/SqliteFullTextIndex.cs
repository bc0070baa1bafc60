using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>
/// SQLite's FTS5 table SearchIndex (external content over SearchEntries, kept in step by triggers; see the AddSearch
/// migration), ranked by bm25 with headings weighted 5 to 1 over text, Porter-stemmed. Its vocabulary for "did you
/// mean" is the unstemmed FTS5 table SearchWords over the same entries, read through the fts5vocab table
/// SearchVocabulary (see the SearchSynonyms migration).
/// </summary>
public sealed class SqliteFullTextIndex(GutImmuneDbContext db) : IFullTextIndex
{
    /// <summary>
    /// What readers may see, joined to a search entry <c>e</c> as <c>a</c> with the parameter <c>@now</c>: the reader edition
    /// (what was published, never the working copy) once it is due. The one definition in this engine's SQL.
    /// </summary>
    private const string ReaderEditionsDue = "JOIN ReaderEditions a ON a.ArticleId = e.ArticleId AND a.PublishedAt <= @now";

    private sealed record Snippet(int Id, string Heading, string Body);

    public async Task<IReadOnlyList<FullTextMatch>> FindAsync(SearchExpression query, DateTime now, CancellationToken cancellationToken) =>
        // FTS5 walks a term's matches by rowid, so "ORDER BY rowid DESC LIMIT" stops early: the cost is bounded by
        // MaxCandidates however common the words are. bm25 with the text weighted 0 is non-zero only for a hit in the heading.
        await db.Database.SqlQueryRaw<FullTextMatch>($"""
            WITH candidates AS (
                SELECT rowid AS Id, bm25(SearchIndex, 5.0, 1.0) AS Score, bm25(SearchIndex, 1.0, 0.0) AS HeadingScore
                FROM SearchIndex WHERE SearchIndex MATCH @match
                ORDER BY rowid DESC LIMIT {ArticleSearch.MaxCandidates})
            SELECT e.Id AS EntryId, e.ArticleId, a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading,
                   -c.Score AS Score, c.HeadingScore < 0 AS InHeading
            FROM candidates c
            JOIN SearchEntries e ON e.Id = c.Id
            {ReaderEditionsDue}
            """, new SqliteParameter("match", query.ToMatchExpression()), new SqliteParameter("now", now)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<int, FullTextSnippet>> SnippetsAsync(SearchExpression query, IReadOnlyCollection<int> entryIds, CancellationToken cancellationToken)
    {
        if (entryIds.Count == 0)
            return new Dictionary<int, FullTextSnippet>();
        // snippet() and highlight() need the match context, looked up by rowid.
        var rows = await db.Database.SqlQueryRaw<Snippet>("""
            SELECT rowid AS Id, highlight(SearchIndex, 0, char(1), char(2)) AS Heading, snippet(SearchIndex, 1, char(1), char(2), '…', 24) AS Body
            FROM SearchIndex WHERE SearchIndex MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))
            """, new SqliteParameter("match", query.ToMatchExpression()), new SqliteParameter("ids", System.Text.Json.JsonSerializer.Serialize(entryIds)))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new FullTextSnippet(r.Heading, r.Body));
    }

    public async Task<IReadOnlyList<string>> WordsLikeAsync(string word, int lengthDifference, CancellationToken cancellationToken)
    {
        var first = word[..1];
        // The term range lets fts5vocab read one letter's stretch of the vocabulary instead of all of it.
        return await db.Database.SqlQueryRaw<string>("""
            SELECT term AS Value FROM SearchVocabulary
            WHERE term >= @first AND term < @next AND length(term) BETWEEN @shortest AND @longest
            """, new SqliteParameter("first", first), new SqliteParameter("next", first + char.MaxValue),
            new SqliteParameter("shortest", word.Length - lengthDifference), new SqliteParameter("longest", word.Length + lengthDifference))
            .ToListAsync(cancellationToken);
    }
}

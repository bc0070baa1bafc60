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

    /// <summary>
    /// bm25 weighs each phrase by how rare it is, and learns that by walking every entry that holds it (35 ms for a word
    /// in all 1.6 million entries of 100,000 articles), however few rows it scores. A word in more entries than this
    /// is left out of the score: it still has to match, but only the rarer words order the matches (bm25 gives a common
    /// word little weight, and a word in more than half the entries none).
    /// </summary>
    public const int WeighedWordLimit = 10_000;

    public async Task<IReadOnlyList<FullTextMatch>> FindAsync(SearchExpression query, DateTime now, CancellationToken cancellationToken)
    {
        var phrases = query.ToMatchPhrases();
        var weighed = query.ToMatchExpression((await PhrasesInFewEntriesAsync(phrases.Distinct().ToList(), cancellationToken)).Contains);
        return await db.Database.SqlQueryRaw<FullTextMatch>(weighed.Length == 0 ? FindUnweighed : FindWeighed,
            new SqliteParameter("match", query.ToMatchExpression()),
            new SqliteParameter("matchInHeading", $"({query.ToMatchExpression()}) AND Heading : ({string.Join(" OR ", phrases.Distinct())})"),
            new SqliteParameter("weighed", weighed),
            new SqliteParameter("now", now)).ToListAsync(cancellationToken);
    }

    private static readonly string FindWeighed = FindSql("""
        SELECT rowid AS Id, bm25(SearchIndex, 5.0, 1.0) AS Score FROM SearchIndex WHERE SearchIndex MATCH @weighed AND rowid >= (SELECT Id FROM oldest)
        """);

    private static readonly string FindUnweighed = FindSql("SELECT NULL AS Id, NULL AS Score WHERE 0");

    /// <summary>
    /// FTS5 walks a term's matches by rowid, so "ORDER BY rowid DESC LIMIT" stops early: the cost is bounded by
    /// MaxCandidates however common the words are. The heading and score queries read no entry older than the oldest
    /// candidate: the first matches nothing but candidates, the second (<paramref name="scores"/>) only rare words' entries.
    /// </summary>
    private static string FindSql(string scores) => $"""
        WITH candidates AS (
            SELECT rowid AS Id FROM SearchIndex WHERE SearchIndex MATCH @match
            ORDER BY rowid DESC LIMIT {ArticleSearch.MaxCandidates}),
        oldest AS (SELECT min(Id) AS Id FROM candidates),
        inHeading AS (
            SELECT rowid AS Id FROM SearchIndex WHERE SearchIndex MATCH @matchInHeading AND rowid >= (SELECT Id FROM oldest)),
        scores AS ({scores})
        SELECT e.Id AS EntryId, e.ArticleId, a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading,
               coalesce(-s.Score, 0.0) AS Score, c.Id IN (SELECT Id FROM inHeading) AS InHeading
        FROM candidates c
        JOIN SearchEntries e ON e.Id = c.Id
        {ReaderEditionsDue}
        LEFT JOIN scores s ON s.Id = c.Id
        """;

    /// <summary>The phrases found in fewer than <see cref="WeighedWordLimit"/> entries, counted no further than that.</summary>
    private async Task<HashSet<string>> PhrasesInFewEntriesAsync(IReadOnlyList<string> phrases, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<string>($"""
            SELECT p.value AS Value FROM json_each(@phrases) p
            WHERE (SELECT count(*) FROM (SELECT 1 FROM SearchIndex WHERE SearchIndex MATCH p.value LIMIT {WeighedWordLimit})) < {WeighedWordLimit}
            """, new SqliteParameter("phrases", System.Text.Json.JsonSerializer.Serialize(phrases))).ToListAsync(cancellationToken))
        .ToHashSet();

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

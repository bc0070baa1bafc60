using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>
/// PostgreSQL full-text search: SearchEntries."SearchVector" is a stored generated tsvector (English stemming; headings
/// weighted A, text B) with a GIN index (see the Postgres Initial migration). Ranked by ts_rank with headings weighted 5
/// to 1 over text, as on SQLite; snippets come from ts_headline, for the page's rows only.
/// </summary>
public sealed class PostgresFullTextIndex(GutImmuneDbContext db) : IFullTextIndex
{
    /// <summary>ts_rank's weights for {D, C, B, A}: headings (A) 1.0, text (B) 0.2.</summary>
    private const string Weights = "{0, 0, 0.2, 1.0}";

    /// <summary>The highlight markers are control characters (see ArticleSearch); about 24 words around the first hit.</summary>
    private static readonly string HeadlineOptions =
        $"StartSel=\"{ArticleSearch.MarkStart}\", StopSel=\"{ArticleSearch.MarkEnd}\", MaxFragments=1, MaxWords=24, MinWords=12, ShortWord=2";

    private sealed record Row(string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, string Snippet, int Total);

    public async Task<(IReadOnlyList<FullTextMatch> Page, int Total)> FindAsync(
        string query, bool lastWordAsPrefix, DateTime now, int skip, int take, CancellationToken cancellationToken)
    {
        var tsQuery = SearchQuery.ToTsQuery(query, lastWordAsPrefix);
        if (tsQuery is null)
            return ([], 0);
        // The GIN index finds the matches; only the newest MaxCandidates of them are ranked (ts_rank reads each one's
        // vector) and filtered to what readers may see, and ts_headline runs for the page's rows only.
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH candidates AS (
                SELECT e."Id", e."ArticleId", e."SearchVector"
                FROM "SearchEntries" e
                WHERE e."SearchVector" @@ to_tsquery('english', {tsQuery})
                ORDER BY e."Id" DESC LIMIT {ArticleSearch.MaxCandidates}
            ), hits AS (
                SELECT c."Id", a."Slug", a."Title", ts_rank({Weights}::real[], c."SearchVector", to_tsquery('english', {tsQuery})) AS rank,
                       count(*) OVER () AS total
                FROM candidates c
                JOIN "ReaderEditions" a ON a."ArticleId" = c."ArticleId"
                WHERE a."PublishedAt" <= {now}
                ORDER BY rank DESC, c."Id"
                LIMIT {take} OFFSET {skip}
            )
            SELECT h."Slug" AS "ArticleSlug", h."Title" AS "ArticleTitle", e."SectionSlug", e."Anchor", e."Heading",
                   ts_headline('english', e."Body", to_tsquery('english', {tsQuery}), {HeadlineOptions}) AS "Snippet",
                   h.total::int AS "Total"
            FROM hits h
            JOIN "SearchEntries" e ON e."Id" = h."Id"
            ORDER BY h.rank DESC, h."Id"
            """).ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(tsQuery, now, cancellationToken);
        return (rows.Select(r => new FullTextMatch(r.ArticleSlug, r.ArticleTitle, r.SectionSlug, r.Anchor, r.Heading, r.Snippet)).ToList(), total);
    }

    /// <summary>For a page past the last result: how many results there are, for the message.</summary>
    private async Task<int> CountAsync(string tsQuery, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            WITH candidates AS (
                SELECT e."Id", e."ArticleId" FROM "SearchEntries" e
                WHERE e."SearchVector" @@ to_tsquery('english', {tsQuery})
                ORDER BY e."Id" DESC LIMIT {ArticleSearch.MaxCandidates})
            SELECT count(*)::int AS "Value" FROM candidates c
            JOIN "ReaderEditions" a ON a."ArticleId" = c."ArticleId"
            WHERE a."PublishedAt" <= {now}
            """).SingleAsync(cancellationToken);
}

using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>
/// PostgreSQL full-text search: SearchEntries."SearchVector" is a stored generated tsvector (English stemming; headings
/// weighted A, text B) with a GIN index (see the Postgres Initial migration). Ranked by ts_rank with headings weighted 5
/// to 1 over text, as on SQLite; snippets come from ts_headline, for the one page of results only.
/// </summary>
public sealed class PostgresFullTextIndex(GutImmuneDbContext db) : IFullTextIndex
{
    /// <summary>ts_rank's weights for {D, C, B, A}: headings (A) 1.0, text (B) 0.2.</summary>
    private const string Weights = "{0, 0, 0.2, 1.0}";

    /// <summary>The highlight markers are control characters (see ArticleSearch); about 24 words around the first hit.</summary>
    private static readonly string HeadlineOptions =
        $"StartSel=\"{ArticleSearch.MarkStart}\", StopSel=\"{ArticleSearch.MarkEnd}\", MaxFragments=1, MaxWords=24, MinWords=12, ShortWord=2";

    public async Task<(IReadOnlyList<FullTextMatch> Page, int Total)> FindAsync(string query, DateTime now, int skip, int take, CancellationToken cancellationToken)
    {
        var tsQuery = SearchQuery.ToTsQuery(query);
        if (tsQuery is null)
            return ([], 0);
        var published = nameof(ArticleStatus.Published);
        var page = await db.Database.SqlQuery<FullTextMatch>($"""
            SELECT a."Slug" AS "ArticleSlug", a."Title" AS "ArticleTitle", e."SectionSlug", e."Anchor", e."Heading",
                   ts_headline('english', e."Body", to_tsquery('english', {tsQuery}), {HeadlineOptions}) AS "Snippet"
            FROM (
                SELECT e."Id", ts_rank({Weights}::real[], e."SearchVector", q) AS rank
                FROM "SearchEntries" e
                JOIN "Articles" a ON a."Id" = e."ArticleId"
                CROSS JOIN to_tsquery('english', {tsQuery}) q
                WHERE e."SearchVector" @@ q AND a."Status" = {published} AND a."PublishedAt" <= {now}
                ORDER BY rank DESC, e."Id"
                LIMIT {take} OFFSET {skip}
            ) hit
            JOIN "SearchEntries" e ON e."Id" = hit."Id"
            JOIN "Articles" a ON a."Id" = e."ArticleId"
            ORDER BY hit.rank DESC, e."Id"
            """).ToListAsync(cancellationToken);
        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM "SearchEntries" e
            JOIN "Articles" a ON a."Id" = e."ArticleId"
            WHERE e."SearchVector" @@ to_tsquery('english', {tsQuery}) AND a."Status" = {published} AND a."PublishedAt" <= {now}
            """).SingleAsync(cancellationToken);
        return (page, total);
    }
}

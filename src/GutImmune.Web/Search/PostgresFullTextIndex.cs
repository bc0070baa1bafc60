using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GutImmune.Web.Search;

/// <summary>
/// PostgreSQL full-text search: SearchEntries."SearchVector" is a stored generated tsvector (English stemming; headings
/// weighted A, text B) with a GIN index (see the Postgres Initial migration). Ranked by ts_rank with headings weighted 5
/// to 1 over text, as on SQLite; snippets come from ts_headline, for the page's rows only. Its vocabulary for "did you
/// mean" is the table SearchWords: the lexemes of each entry's 'simple' (unstemmed) tsvector, added by a trigger
/// (see the SearchSynonyms migration).
/// </summary>
public sealed class PostgresFullTextIndex(GutImmuneDbContext db) : IFullTextIndex
{
    /// <summary>
    /// What readers may see, joined to a candidate <c>c</c> as <c>a</c> with the parameter <c>@now</c>: the reader edition
    /// (what was published, never the working copy) once it is due. The one definition in this engine's SQL.
    /// </summary>
    private const string ReaderEditionsDue = """JOIN "ReaderEditions" a ON a."ArticleId" = c."ArticleId" AND a."PublishedAt" <= @now""";

    /// <summary>
    /// ts_rank's weights for {D, C, B, A}: headings (A) 1.0, text (B) 0.2. An ARRAY constructor, not a '{…}' literal:
    /// EF Core reads braces in raw SQL as parameter placeholders.
    /// </summary>
    private const string Weights = "ARRAY[0, 0, 0.2, 1.0]::real[]";

    /// <summary>The highlight markers are control characters (see ArticleSearch); about 24 words around the first hit.</summary>
    private static readonly string HeadlineOptions =
        $"StartSel=\"{ArticleSearch.MarkStart}\", StopSel=\"{ArticleSearch.MarkEnd}\", MaxFragments=1, MaxWords=24, MinWords=12, ShortWord=2";

    private static readonly string HeadingOptions =
        $"StartSel=\"{ArticleSearch.MarkStart}\", StopSel=\"{ArticleSearch.MarkEnd}\", HighlightAll=true";

    private sealed record Snippet(int Id, string Heading, string Body);

    public async Task<IReadOnlyList<FullTextMatch>> FindAsync(SearchExpression query, DateTime now, CancellationToken cancellationToken) =>
        // The GIN index finds the matches; only the newest MaxCandidates of them are ranked (ts_rank reads each one's
        // vector) and filtered to what readers may see. The heading holds a word when the vector's A part matches any word.
        await db.Database.SqlQueryRaw<FullTextMatch>($"""
            WITH candidates AS (
                SELECT e."Id", e."ArticleId", e."SearchVector"
                FROM "SearchEntries" e
                WHERE e."SearchVector" @@ to_tsquery('english', @query)
                ORDER BY e."Id" DESC LIMIT {ArticleSearch.MaxCandidates})
            SELECT c."Id" AS "EntryId", c."ArticleId", a."Slug" AS "ArticleSlug", a."Title" AS "ArticleTitle", e."SectionSlug", e."Anchor", e."Heading",
                   ts_rank({Weights}, c."SearchVector", to_tsquery('english', @query))::float8 AS "Score",
                   ts_filter(c."SearchVector", ARRAY['a']::"char"[]) @@ to_tsquery('english', @anyWord) AS "InHeading"
            FROM candidates c
            JOIN "SearchEntries" e ON e."Id" = c."Id"
            {ReaderEditionsDue}
            """, new NpgsqlParameter("query", query.ToTsQuery()), new NpgsqlParameter("anyWord", query.ToAnyWordTsQuery()),
            new NpgsqlParameter("now", now)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<int, FullTextSnippet>> SnippetsAsync(SearchExpression query, IReadOnlyCollection<int> entryIds, CancellationToken cancellationToken)
    {
        if (entryIds.Count == 0)
            return new Dictionary<int, FullTextSnippet>();
        var rows = await db.Database.SqlQueryRaw<Snippet>("""
            SELECT e."Id",
                   ts_headline('english', e."Heading", to_tsquery('english', @query), @headingOptions) AS "Heading",
                   ts_headline('english', e."Body", to_tsquery('english', @query), @options) AS "Body"
            FROM "SearchEntries" e WHERE e."Id" = ANY(@ids)
            """, new NpgsqlParameter("query", query.ToTsQuery()), new NpgsqlParameter("headingOptions", HeadingOptions),
            new NpgsqlParameter("options", HeadlineOptions), new NpgsqlParameter("ids", entryIds.ToArray()))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new FullTextSnippet(r.Heading, r.Body));
    }

    public async Task<IReadOnlyList<string>> WordsLikeAsync(string word, int lengthDifference, CancellationToken cancellationToken)
    {
        var first = word[..1];
        return await db.Database.SqlQueryRaw<string>("""
            SELECT w."Word" AS "Value" FROM "SearchWords" w
            WHERE w."Word" LIKE @prefix AND length(w."Word") BETWEEN @shortest AND @longest
            """, new NpgsqlParameter("prefix", first + "%"),
            new NpgsqlParameter("shortest", word.Length - lengthDifference), new NpgsqlParameter("longest", word.Length + lengthDifference))
            .ToListAsync(cancellationToken);
    }
}

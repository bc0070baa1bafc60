using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>Full-text search over what readers may see, best matches first (bm25; headings weigh more than text).</summary>
public sealed class ArticleSearch(GutImmuneDbContext db, TimeProvider clock)
{
    public const int PageSize = 10;

    // Snippet highlight markers: control characters cannot come from the indexed text, so after HTML-encoding the
    // snippet they are the only places that become <mark>.
    private const char MarkStart = '\u0001';
    private const char MarkEnd = '\u0002';

    public sealed record Hit(string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, HtmlString Snippet)
    {
        public string Url => (SectionSlug is null ? $"/articles/{ArticleSlug}" : $"/articles/{ArticleSlug}/{SectionSlug}")
            + (Anchor is null ? "" : "#" + Anchor);
    }

    public sealed record Results(string Query, IReadOnlyList<Hit> Hits, int Total, int PageNumber)
    {
        public bool HasNextPage => PageNumber * PageSize < Total;

        /// <summary>True when the words match more than <see cref="MaxCandidates"/> places and only the newest were ranked.</summary>
        public bool IsCapped { get; init; }
    }

    private sealed record Row(int Id, string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, double Score, int Total);

    /// <summary>
    /// How many of the newest matching entries are ranked. Ranking every match of a word that is everywhere would make
    /// search cost grow with the content; the newest matches are ranked instead, and the page says "more than".
    /// </summary>
    public const int MaxCandidates = 2000;

    /// <summary>
    /// Whole words first; only when they find nothing is the last word read as the start of a word ("lympho" finds
    /// "lymphoid"). A prefix can match many words, which FTS5 must merge in full, so it is not the first try.
    /// </summary>
    public async Task<Results> SearchAsync(string? query, int pageNumber, CancellationToken cancellationToken)
    {
        var results = await SearchAsync(query, pageNumber, lastWordAsPrefix: false, cancellationToken);
        return results.Total > 0 ? results : await SearchAsync(query, pageNumber, lastWordAsPrefix: true, cancellationToken);
    }

    private async Task<Results> SearchAsync(string? query, int pageNumber, bool lastWordAsPrefix, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, MaxCandidates / PageSize);
        var match = SearchQuery.ToMatchExpression(query, lastWordAsPrefix);
        if (match is null)
            return new Results(query ?? "", [], 0, pageNumber);

        var now = clock.GetUtcNow().UtcDateTime;
        var published = nameof(ArticleStatus.Published);
        var skip = (pageNumber - 1) * PageSize;
        // FTS5 walks a term's matches by rowid, so "ORDER BY rowid DESC LIMIT" stops early: the cost is bounded by
        // MaxCandidates however common the words are. Only then are the candidates ranked and filtered to what readers may see.
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH candidates AS (
                SELECT rowid AS Id, bm25(SearchIndex, 5.0, 1.0) AS Score
                FROM SearchIndex WHERE SearchIndex MATCH {match}
                ORDER BY rowid DESC LIMIT {MaxCandidates})
            SELECT e.Id, a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading, c.Score,
                   count(*) OVER () AS Total
            FROM candidates c
            JOIN SearchEntries e ON e.Id = c.Id
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY c.Score, e.Id
            LIMIT {PageSize} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(match, published, now, cancellationToken);

        // Snippets only for the rows shown: snippet() needs the match context, looked up by rowid.
        var ids = rows.Select(r => r.Id).ToList();
        var idList = System.Text.Json.JsonSerializer.Serialize(ids);
        var snippets = ids.Count == 0 ? [] : (await db.Database.SqlQuery<Snippet>($"""
                SELECT rowid AS Id, snippet(SearchIndex, 1, char(1), char(2), '…', 24) AS Text
                FROM SearchIndex WHERE SearchIndex MATCH {match} AND rowid IN (SELECT value FROM json_each({idList}))
                """).ToListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Text);

        var hits = rows.Select(r => new Hit(r.ArticleSlug, r.ArticleTitle, r.SectionSlug, r.Anchor, r.Heading,
            Highlight(snippets.GetValueOrDefault(r.Id, "")))).ToList();
        return new Results(query ?? "", hits, total, pageNumber) { IsCapped = total >= MaxCandidates };
    }

    /// <summary>For a page past the last result: how many results there are, for the message.</summary>
    private async Task<int> CountAsync(string match, string published, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            WITH candidates AS (
                SELECT rowid AS Id FROM SearchIndex WHERE SearchIndex MATCH {match} ORDER BY rowid DESC LIMIT {MaxCandidates})
            SELECT count(*) AS Value FROM candidates c
            JOIN SearchEntries e ON e.Id = c.Id
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE a.Status = {published} AND a.PublishedAt <= {now}
            """).SingleAsync(cancellationToken);

    private sealed record Snippet(int Id, string Text);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes the snippet's text and turns only the highlight markers into &lt;mark&gt;.</summary>
    private static HtmlString Highlight(string snippet)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        void Flush()
        {
            html.Append(Encoder.Encode(text.ToString()));
            text.Clear();
        }
        foreach (var c in snippet)
        {
            if (c is MarkStart or MarkEnd)
            {
                Flush();
                html.Append(c == MarkStart ? "<mark>" : "</mark>");
            }
            else
            {
                text.Append(c);
            }
        }
        Flush();
        return new HtmlString(html.ToString());
    }
}

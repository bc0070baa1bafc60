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
    }

    private sealed record Row(string ArticleSlug, string ArticleTitle, string? SectionSlug, string? Anchor, string Heading, string Snippet);

    public async Task<Results> SearchAsync(string? query, int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, 1000);
        var match = SearchQuery.ToMatchExpression(query);
        if (match is null)
            return new Results(query ?? "", [], 0, pageNumber);

        var now = clock.GetUtcNow().UtcDateTime;
        var published = nameof(ArticleStatus.Published);
        var skip = (pageNumber - 1) * PageSize;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT a.Slug AS ArticleSlug, a.Title AS ArticleTitle, e.SectionSlug, e.Anchor, e.Heading,
                   snippet(SearchIndex, 1, char(1), char(2), '…', 24) AS Snippet
            FROM SearchIndex
            JOIN SearchEntries e ON e.Id = SearchIndex.rowid
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE SearchIndex MATCH {match} AND a.Status = {published} AND a.PublishedAt <= {now}
            ORDER BY bm25(SearchIndex, 5.0, 1.0)
            LIMIT {PageSize} OFFSET {skip}
            """).ToListAsync(cancellationToken);
        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value
            FROM SearchIndex
            JOIN SearchEntries e ON e.Id = SearchIndex.rowid
            JOIN Articles a ON a.Id = e.ArticleId
            WHERE SearchIndex MATCH {match} AND a.Status = {published} AND a.PublishedAt <= {now}
            """).SingleAsync(cancellationToken);

        var hits = rows.Select(r => new Hit(r.ArticleSlug, r.ArticleTitle, r.SectionSlug, r.Anchor, r.Heading, Highlight(r.Snippet))).ToList();
        return new Results(query ?? "", hits, total, pageNumber);
    }

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

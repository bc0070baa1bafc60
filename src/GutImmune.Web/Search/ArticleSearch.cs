using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Search;

/// <summary>
/// Full-text search over what readers may see, best matches first (headings weigh more than text), through the
/// database engine's own index (<see cref="IFullTextIndex"/>).
/// </summary>
public sealed class ArticleSearch(IFullTextIndex index, TimeProvider clock)
{
    public const int PageSize = 10;

    // Snippet highlight markers: control characters cannot come from the indexed text, so after HTML-encoding the
    // snippet they are the only places that become <mark>.
    public const char MarkStart = '\u0001';
    public const char MarkEnd = '\u0002';

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

    /// <summary>
    /// How many of the newest matching entries are ranked. Ranking every match of a word that is everywhere would make
    /// search cost grow with the content; the newest matches are ranked instead, and the page says "more than".
    /// </summary>
    public const int MaxCandidates = 2000;

    /// <summary>
    /// Whole words first; only when they find nothing is the last word read as the start of a word ("lympho" finds
    /// "lymphoid"). A prefix can match many words, which the index must merge in full, so it is not the first try.
    /// </summary>
    public async Task<Results> SearchAsync(string? query, int pageNumber, CancellationToken cancellationToken)
    {
        var results = await SearchAsync(query, pageNumber, lastWordAsPrefix: false, cancellationToken);
        return results.Total > 0 ? results : await SearchAsync(query, pageNumber, lastWordAsPrefix: true, cancellationToken);
    }

    private async Task<Results> SearchAsync(string? query, int pageNumber, bool lastWordAsPrefix, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, MaxCandidates / PageSize);
        if (SearchQuery.Words(query).Count == 0)
            return new Results(query ?? "", [], 0, pageNumber);

        var now = clock.GetUtcNow().UtcDateTime;
        var (page, total) = await index.FindAsync(query!, lastWordAsPrefix, now, (pageNumber - 1) * PageSize, PageSize, cancellationToken);
        var hits = page.Select(m => new Hit(m.ArticleSlug, m.ArticleTitle, m.SectionSlug, m.Anchor, m.Heading, Highlight(m.Snippet))).ToList();
        return new Results(query ?? "", hits, total, pageNumber) { IsCapped = total >= MaxCandidates };
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

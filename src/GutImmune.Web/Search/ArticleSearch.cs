using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Search;

/// <summary>
/// Full-text search over what readers may see, through the database engine's own index (<see cref="IFullTextIndex"/>),
/// answered with articles: one result per article, ranked by its best evidence (a word in its title, then in a
/// heading, then in the text), with its best-matching places listed under it. Phrases of the synonym list find each
/// other; a query that finds nothing is corrected from the index's vocabulary when a correction finds something.
/// </summary>
public sealed class ArticleSearch(IFullTextIndex index, SynonymList synonyms, TimeProvider clock, SiteMetrics metrics)
{
    public const int PageSize = 10;

    /// <summary>Places listed under an article; the rest are counted.</summary>
    public const int PlacesPerArticle = 3;

    // Snippet highlight markers: control characters cannot come from the indexed text, so after HTML-encoding the
    // snippet they are the only places that become <mark>.
    public const char MarkStart = '\u0001';
    public const char MarkEnd = '\u0002';

    /// <summary>A matching place of an article: a section, a cause (with its anchor) or a reference (anchor only).</summary>
    public sealed record Place(string ArticleSlug, string? SectionSlug, string? Anchor, string Heading, HtmlString Snippet)
    {
        public string Url => (SectionSlug is null ? $"/articles/{ArticleSlug}" : $"/articles/{ArticleSlug}/{SectionSlug}")
            + (Anchor is null ? "" : "#" + Anchor);
    }

    /// <summary>An article that matches: its summary's snippet when the summary matches, and its best places.</summary>
    public sealed record ArticleHit(string Slug, string Title, HtmlString? Summary, IReadOnlyList<Place> Places, int MorePlaces)
    {
        public string Url => $"/articles/{Slug}";
    }

    public sealed record Results(string Query, IReadOnlyList<ArticleHit> Articles, int Total, int PageNumber)
    {
        public bool HasNextPage => PageNumber * PageSize < Total;

        /// <summary>The query as the page repeats it: <see cref="SearchQuery.AsSearched"/>.</summary>
        public string Searched => SearchQuery.AsSearched(Query);

        /// <summary>True when the words match more than <see cref="MaxCandidates"/> places and only the newest were ranked.</summary>
        public bool IsCapped { get; init; }

        /// <summary>What the reader typed, when it found nothing and <see cref="Query"/> is its correction.</summary>
        public string? CorrectedFrom { get; init; }
    }

    /// <summary>
    /// How many of the newest matching entries are ranked. Ranking every match of a word that is everywhere would make
    /// search cost grow with the content; the newest matches are ranked instead, and the page says "more than".
    /// </summary>
    public const int MaxCandidates = 2000;

    /// <summary>
    /// Whole words first; only when they find nothing is the last word read as the start of a word ("lympho" finds
    /// "lymphoid"), since a prefix can match many words, which the index must merge in full; and when that finds
    /// nothing either, the misspelt words are corrected.
    /// </summary>
    public async Task<Results> SearchAsync(string? query, int pageNumber, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var results = await AnswerAsync(query, pageNumber, cancellationToken);
        metrics.SearchAnswered(Stopwatch.GetElapsedTime(started));
        return results;
    }

    private async Task<Results> AnswerAsync(string? query, int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, MaxCandidates / PageSize);
        query ??= "";
        var groups = await synonyms.AllAsync(cancellationToken);
        if (SearchQuery.Parse(query, groups) is not { } words)
            return new Results(query, [], 0, pageNumber);
        var results = await SearchAsync(query, words, pageNumber, cancellationToken);
        if (results.Total > 0)
            return results;
        // A last word that is part of a synonym phrase is not read as a prefix: that query would be the same again.
        if (SearchQuery.Parse(query, groups, lastWordAsPrefix: true) is { LastWordAsPrefix: true } prefixed)
        {
            results = await SearchAsync(query, prefixed, pageNumber, cancellationToken);
            if (results.Total > 0)
                return results;
        }
        var corrected = await CorrectAsync(query, cancellationToken);
        if (corrected is null)
            return results;
        var correctedResults = await SearchAsync(corrected, SearchQuery.Parse(corrected, groups)!, pageNumber, cancellationToken);
        return correctedResults.Total > 0 ? correctedResults with { CorrectedFrom = query } : results;
    }

    private async Task<Results> SearchAsync(string query, SearchExpression expression, int pageNumber, CancellationToken cancellationToken)
    {
        var matches = await index.FindAsync(expression, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var articles = SearchRanking.Rank(matches);
        var page = articles.Skip((pageNumber - 1) * PageSize).Take(PageSize).ToList();

        var shown = page.SelectMany(a => a.Places.Take(PlacesPerArticle).Append(a.Summary).OfType<FullTextMatch>()).Select(m => m.EntryId).ToList();
        var snippets = await index.SnippetsAsync(expression, shown, cancellationToken);
        HtmlString SnippetOf(FullTextMatch match) => snippets.TryGetValue(match.EntryId, out var snippet)
            // The text's excerpt unless only the heading holds the words: a snippet always shows what matched.
            ? Highlight(snippet.Body.Contains(MarkStart) ? snippet.Body : snippet.Heading)
            : HtmlString.Empty;

        var hits = page.Select(a => new ArticleHit(a.Slug, a.Title,
            a.Summary is { } summary && snippets.TryGetValue(summary.EntryId, out var s) && s.Body.Contains(MarkStart) ? Highlight(s.Body) : null,
            a.Places.Take(PlacesPerArticle).Select(p => new Place(a.Slug, p.SectionSlug, p.Anchor, p.Heading, SnippetOf(p))).ToList(),
            Math.Max(0, a.Places.Count - PlacesPerArticle))).ToList();
        return new Results(query, hits, articles.Count, pageNumber) { IsCapped = matches.Count >= MaxCandidates };
    }

    /// <summary>The query with each word the index does not hold replaced by its closest word that it does, or null when nothing changes.</summary>
    private async Task<string?> CorrectAsync(string query, CancellationToken cancellationToken)
    {
        var words = SearchQuery.Words(query);
        var corrected = new List<string>();
        foreach (var word in words)
        {
            var lower = word.ToLowerInvariant();
            var correction = SpellingCorrection.CanCorrect(lower)
                ? SpellingCorrection.Closest(lower, await index.WordsLikeAsync(lower, SpellingCorrection.MaxEdits(lower), cancellationToken))
                : null;
            corrected.Add(correction ?? lower);
        }
        var result = string.Join(' ', corrected);
        return result == string.Join(' ', words.Select(w => w.ToLowerInvariant())) ? null : result;
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

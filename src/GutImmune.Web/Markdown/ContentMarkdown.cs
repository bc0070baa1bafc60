using System.Diagnostics;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Media;
using Markdig;
using Markdig.Extensions.Figures;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GutImmune.Web.Markdown;

/// <summary>
/// The one Markdown pipeline of the site: reader pages, section views, previews and validation all go through it.
/// Raw HTML is escaped, links and images may only use safe schemes, and citation markers are resolved against the
/// article's references.
/// </summary>
public static class ContentMarkdown
{
    /// <summary>Markdig's own limit (its default), past which parsing and rendering throw an <see cref="ArgumentException"/>.</summary>
    public const int MaxNestingDepth = 128;

    private static readonly MarkdownPipelineBuilder PipelineBuilder = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxNestingDepth }
        .DisableHtml()
        .UseEmphasisExtras()
        .UseFigures()
        .UsePipeTables()
        .Use<CitationExtension>()
        .Use<MediaPictureExtension>();

    private static readonly MarkdownPipeline Pipeline = PipelineBuilder.Build();

    /// <summary>
    /// The delimiters the pipeline's emphasis parsers take (*, _ and those its extensions add), read from the parsers
    /// themselves once the pipeline is built, so that <see cref="MarkdownCost"/> counts exactly what they parse.
    /// </summary>
    public static readonly IReadOnlyList<EmphasisDescriptor> EmphasisDelimiters =
        PipelineBuilder.InlineParsers.OfType<EmphasisInlineParser>().SelectMany(p => p.EmphasisDescriptors).ToList();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// Renders <paramref name="markdown"/> to HTML, resolving its citation markers in <paramref name="scope"/> under
    /// the label <paramref name="place"/>. Headings in the text start at h3, below the section's own h2, or at
    /// <paramref name="firstHeadingLevel"/> on a page where the text sits right under the h1 (site pages, profiles).
    /// `![alt](media:ID)` shows the library image from <paramref name="media"/>; an image it does not hold shows its alt text.
    /// </summary>
    public static string ToHtml(string markdown, CitationScope scope, string place, int firstHeadingLevel = 3, MediaCatalog? media = null)
    {
        var document = Parse(markdown, scope, place, firstHeadingLevel, media);
        return document.ToHtml(Pipeline);
    }

    /// <summary>The HTML of a text, or why it may not be stored or shown (then <see cref="Html"/> is empty).</summary>
    public sealed record CheckedRendering(string Html, string? Problem);

    /// <summary>
    /// Renders as <see cref="ToHtml"/> does, within <see cref="MarkdownCost"/>'s limits: a text beyond them gets a
    /// problem instead of HTML. Validation and previews call this, so that what is stored always renders quickly.
    /// </summary>
    public static CheckedRendering ToHtmlWithinCost(string markdown, CitationScope scope, string place, int firstHeadingLevel = 3, MediaCatalog? media = null)
    {
        var started = Stopwatch.GetTimestamp();
        var (rendered, problem) = WithinLimits(markdown, () =>
        {
            var document = Parse(markdown, scope, place, firstHeadingLevel, media);
            return (Html: document.ToHtml(Pipeline), ShowsHttpImage: document.Descendants<LinkInline>().Any(l => l.IsImage && IsHttpAddress(l.Url)));
        });
        if (problem is not null)
            return new("", problem);
        if (rendered.ShowsHttpImage)
            return new("", HttpImage);
        var html = rendered.Html;
        if (Stopwatch.GetElapsedTime(started) <= MarkdownCost.MaxRenderTime)
            return new(html, null);
        // The limit is wall-clock time: a render slowed by the machine's load, or by compiling the pipeline on its first
        // use (the seed import of a start on a busy machine failed so), is timed once more before the text is refused.
        started = Stopwatch.GetTimestamp();
        ToHtml(markdown, scope, place, firstHeadingLevel, media);
        return Stopwatch.GetElapsedTime(started) > MarkdownCost.MaxRenderTime ? new("", MarkdownCost.TooSlow) : new(html, null);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a text within <see cref="MarkdownCost"/>'s counted limits and the pipeline's nesting
    /// depth: a text beyond them gets why instead of a result.
    /// </summary>
    private static (T? Result, string? Problem) WithinLimits<T>(string markdown, Func<T> work)
    {
        if (MarkdownCost.CountProblem(markdown) is { } counted)
            return (default, counted);
        try
        {
            return (work(), null);
        }
        catch (ArgumentException)
        {
            // What Markdig throws past MaximumNestingDepth ("too deeply nested").
            return (default, MarkdownCost.TooDeep);
        }
    }

    /// <summary>The words of <paramref name="markdown"/> without markup or citation numbers (for the search index).</summary>
    public static string ToPlainText(string markdown)
    {
        var document = Parse(markdown, new CitationScope([]), "");
        foreach (var citation in document.Descendants<CitationInline>().ToList())
        {
            // "the gut [1]." must read "the gut.": the space belonged to the marker.
            if (citation.PreviousSibling is LiteralInline before)
                before.Content.TrimEnd();
            citation.Remove();
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlFigureRenderer>(new PlainFigureRenderer());
        renderer.ObjectRenderers.Replace<HtmlFigureCaptionRenderer>(new PlainFigureCaptionRenderer());
        renderer.Render(document);
        return writer.ToString().Trim();
    }

    // Markdig's figure renderers write <figure> and <figcaption> even with EnableHtmlForBlock off; plain text keeps only
    // the words readers see in them: the quote and its caption.
    private sealed class PlainFigureRenderer : HtmlObjectRenderer<Figure>
    {
        protected override void Write(HtmlRenderer renderer, Figure figure) => renderer.WriteChildren(figure);
    }

    private sealed class PlainFigureCaptionRenderer : HtmlObjectRenderer<FigureCaption>
    {
        protected override void Write(HtmlRenderer renderer, FigureCaption caption)
        {
            renderer.WriteLeafInline(caption);
            renderer.EnsureLine();
        }
    }

    /// <summary>Resolves the citation markers of <paramref name="markdown"/> without rendering it (for validation).</summary>
    public static void CollectCitations(string markdown, CitationScope scope, string place) => Parse(markdown, scope, place);

    /// <summary>As <see cref="CollectCitations"/>, within <see cref="MarkdownCost"/>'s limits: why a text cannot be read, or null when its markers were collected.</summary>
    public static string? CollectCitationsWithinCost(string markdown, CitationScope scope, string place) =>
        WithinLimits(markdown, () => Parse(markdown, scope, place)).Problem;

    /// <summary>The citation markers of <paramref name="markdown"/> that readers see as citations, with their source spans.</summary>
    public static IReadOnlyList<CitationInline> FindCitationMarkers(string markdown)
    {
        var document = Parse(markdown, new CitationScope([]), "");
        return document.Descendants<CitationInline>().ToList();
    }

    /// <summary>
    /// The syntax tree of <paramref name="markdown"/> as the pipeline parses it, before any rendering step changes it
    /// (heading levels as written, images and links untouched), for the content checks to read.
    /// </summary>
    public static MarkdownDocument ParseSyntax(string markdown) => Markdig.Markdown.Parse(markdown, Pipeline);

    /// <summary>The syntax tree of a text, or (with no tree) why it cannot be read: beyond <see cref="MarkdownCost"/>'s limits, as <see cref="ToHtmlWithinCost"/> says.</summary>
    public sealed record CheckedSyntax(MarkdownDocument? Document, string? Problem);

    /// <summary>
    /// Parses as <see cref="ParseSyntax"/> does, within <see cref="MarkdownCost"/>'s counted limits and the pipeline's
    /// nesting depth, for readers of stored text (the content checks) that must not fail on a text no form would take.
    /// </summary>
    public static CheckedSyntax ParseSyntaxWithinCost(string markdown)
    {
        var (document, problem) = WithinLimits(markdown, () => ParseSyntax(markdown));
        return new(document, problem);
    }

    /// <summary>The ids of the library images <paramref name="markdown"/> shows (`![alt](media:ID)`), in order.</summary>
    public static IEnumerable<int> FindMediaIds(string markdown) =>
        Markdig.Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>()
            .Select(link => link.IsImage && MediaReference.TryParse(link.Url, out var id) ? id : 0).Where(id => id > 0).ToList();

    /// <summary>
    /// <paramref name="markdown"/> with each library image `media:N` whose N <paramref name="renumbered"/> holds shown as
    /// `media:` its new number, the rest of the text as it was; null when one of them cannot be rewritten (its address
    /// spelt with an entity or an escape).
    /// </summary>
    public static string? RenumberMedia(string markdown, IReadOnlyDictionary<int, int> renumbered)
    {
        // By start: images sharing a reference definition (![a][r] ... [r]: media:1) share its address.
        var addresses = new SortedDictionary<int, (int Length, int Number)>();
        foreach (var image in Markdig.Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>().Where(l => l.IsImage))
        {
            if (!MediaReference.TryParse(image.Url, out var id) || !renumbered.TryGetValue(id, out var number))
                continue;
            var span = image.UrlSpan;
            if (span.Start < 0 || span.End >= markdown.Length || span.Length <= 0)
                return null;
            var written = markdown.AsSpan(span.Start, span.Length);
            var bracketed = written is ['<', .., '>'];
            if (!MediaReference.TryParse((bracketed ? written[1..^1] : written).ToString(), out var writtenId) || writtenId != id)
                return null;
            addresses[span.Start] = (span.Length, number);
        }
        var text = markdown;
        foreach (var (start, (length, number)) in addresses.Reverse())
        {
            var address = MediaReference.Prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            text = string.Concat(text.AsSpan(0, start), text[start] == '<' ? $"<{address}>" : address, text.AsSpan(start + length));
        }
        // The addresses' places are Markdig's: a text that would not read as renumbered is not given back.
        return FindMediaIds(text).SequenceEqual(FindMediaIds(markdown).Select(id => renumbered.GetValueOrDefault(id, id))) ? text : null;
    }

    private static MarkdownDocument Parse(string markdown, CitationScope scope, string place, int firstHeadingLevel = 3, MediaCatalog? media = null)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var node in document.Descendants().ToList())
        {
            // An image's alt text of only invisible characters (a zero-width space) is none: screen readers would announce
            // nothing where a description seems to be. A library image then shows its own; another image, alt="".
            if (node is LinkInline { IsImage: true, FirstChild: not null } described && !TextCharacters.HasVisible(AltText(described)))
                while (described.FirstChild is { } invisible)
                    invisible.Remove();
            switch (node)
            {
                case HeadingBlock heading:
                    heading.Level = Math.Min(6, heading.Level + firstHeadingLevel - 1);
                    break;
                case CitationInline citation when citation.FindParentLink() is not null:
                    // "[1]" inside a link's text belongs to the link, not to the reference list.
                    citation.ReplaceBy(new LiteralInline(citation.MarkerText));
                    break;
                case CitationInline citation:
                    scope.Resolve(citation, place);
                    break;
                case LinkInline { IsImage: true } image when MediaReference.TryParse(image.Url, out var id):
                    if (media?.Show(id) is { } picture)
                        image.ReplaceBy(new MediaPictureInline(picture with { Alt = AltText(image) is { Length: > 0 } alt ? alt : picture.Alt }));
                    else
                        Neutralise(image);
                    break;
                case LinkInline link when !IsSafeUrl(link.Url):
                    Neutralise(link);
                    break;
                case AutolinkInline autolink when !IsSafeUrl(autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
        return document;
    }

    private static LinkInline? FindParentLink(this Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline link)
                return link;
        }
        return null;
    }

    /// <summary>An unsafe link keeps its text but loses its target; an unsafe image becomes its alt text.</summary>
    private static void Neutralise(LinkInline link)
    {
        if (link.IsImage)
        {
            link.ReplaceBy(new LiteralInline(AltText(link)));
            return;
        }
        // Moved after the link from the last, so they keep their order: Markdig's InsertBefore leaves the moved node without
        // its previous sibling, and Descendants, which walks back from the last child, then lost every inline before it.
        var child = link.LastChild;
        while (child is not null)
        {
            var previous = child.PreviousSibling;
            child.Remove();
            link.InsertAfter(child);
            child = previous;
        }
        link.Remove();
    }

    private static string AltText(LinkInline image) => string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();

    /// <summary>What <see cref="ToHtmlWithinCost"/> says of a text showing an http image: the site's Content-Security-Policy lets pages load images over https only.</summary>
    public const string HttpImage = "shows an image from an http:// address, which browsers do not load on this site: give its https:// address, or use the media library.";

    private static bool IsHttpAddress(string? url) =>
        url is not null && new string(url.Where(c => c > ' ').ToArray()).StartsWith("http:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Relative URLs and fragments are safe; absolute ones only with http, https or mailto.</summary>
    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => c > ' ').ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0)
            return true;
        var beforeColon = compact[..colon];
        if (beforeColon.IndexOfAny(['/', '?', '#']) >= 0)
            return true; // the colon is in the path or query of a relative URL
        return SafeSchemes.Contains(beforeColon, StringComparer.OrdinalIgnoreCase);
    }
}

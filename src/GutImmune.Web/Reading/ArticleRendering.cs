using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Media;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Reading;

/// <summary>
/// The one way an article becomes its page: rendered once at publish time into its <see cref="ReaderEdition"/>, and the
/// same way for an editor's preview of the working copy, so the preview is the page readers will get.
/// </summary>
public static class ArticleRendering
{
    /// <summary>Stands for the site's address in the stored JSON-LD: the address is the request's unless configured.</summary>
    private const string SiteOrigin = "https://site-address.invalid";

    /// <summary>Renders the article with the library images of <paramref name="media"/>, which records those it shows.</summary>
    public static RenderedArticle Render(Article article, MediaCatalog media)
    {
        var numbers = article.Citations.Select(c => c.Number).ToList();
        var citations = article.Citations.OrderBy(c => c.Number).ToList();
        var sections = article.Sections.OrderBy(s => s.Position).ToList();

        var scope = new CitationScope(numbers);
        var rendered = sections.Select(s => Render(s, scope, media)).ToList();
        var disclaimer = article.Disclaimer is null ? null : Html(ContentMarkdown.ToHtml(article.Disclaimer, scope, "Disclaimer", media: media));
        var references = citations.Select(c => new RenderedReference(c.Number, AmaStyle.Format(c), scope.UsesOf(c.Number), c.Evidence)).ToList();

        // A section's own page numbers its markers and links back to them on that page only, so it is rendered in its own scope.
        var sectionPages = sections.Select(s =>
        {
            var own = new CitationScope(numbers);
            var section = Render(s, own, media);
            var cited = own.CitedNumbers.ToHashSet();
            return new RenderedSectionPage(section, citations.Where(c => cited.Contains(c.Number))
                .Select(c => new RenderedReference(c.Number, AmaStyle.Format(c), own.UsesOf(c.Number), c.Evidence)).ToList());
        }).ToList();

        var header = Header(article);
        var hero = article.HeroMediaId is { } heroId ? media.Show(heroId) : null;
        var structuredData = StructuredData.MedicalWebPage(header, $"{SiteOrigin}/articles/{article.Slug}", citations, $"{SiteOrigin}/", hero, SiteOrigin);
        return new RenderedArticle(rendered, references, disclaimer, ReadingTime.Minutes(article), sectionPages, structuredData)
        {
            Hero = hero,
            // No reference list travels with a section's own page, so a citation marker in the disclaimer stays text there.
            SectionPageDisclaimer = article.Disclaimer is null ? null : Html(ContentMarkdown.ToHtml(article.Disclaimer, new CitationScope([]), "Disclaimer")),
        };
    }

    /// <summary>
    /// The page of an edition or a preview: the rendered parts with what depends on the request (address, today's date) and
    /// on other content (related articles, the JSON-LD of <see cref="StructuredDataAt"/> with the people it names).
    /// </summary>
    public static ArticlePage Page(ArticleHeader header, RenderedArticle rendered, IReadOnlyList<ArticleListItem> related, string structuredData,
        SiteAddress site, DateOnly today)
    {
        var url = site.Absolute($"/articles/{header.Slug}");
        return new ArticlePage(header, rendered.Sections, rendered.References, rendered.Disclaimer, rendered.ReadingMinutes, related,
            ReferenceExport.Cite(header, url, today), structuredData) { Hero = rendered.Hero };
    }

    /// <summary>
    /// The rendered JSON-LD with the site's address, put only where <see cref="StructuredData"/> wrote one (the page's
    /// <c>@id</c> and <c>url</c>, the publisher's, the library hero's, each the placeholder then a path): an editor's text
    /// holding the placeholder stays as typed, since the serializer escapes every quote inside a value and so
    /// <c>"url":"</c> only begins a value of ours. A reference address, the one <c>url</c> an editor types, cannot have the
    /// placeholder's host (<see cref="ArticleValidator"/> refuses <c>.invalid</c>).
    /// </summary>
    public static string StructuredDataAt(RenderedArticle rendered, SiteAddress site)
    {
        var origin = JsonEncodedText.Encode(site.BaseUrl).ToString();
        return rendered.StructuredData
            .Replace($"\"@id\":\"{SiteOrigin}/", $"\"@id\":\"{origin}/")
            .Replace($"\"url\":\"{SiteOrigin}/", $"\"url\":\"{origin}/");
    }

    public static SectionPage? SectionPage(ArticleHeader header, RenderedArticle rendered, string sectionSlug)
    {
        var sections = rendered.SectionPages.Select(p => new SectionLink(p.Section.Slug, p.Section.Heading)).ToList();
        var index = sections.FindIndex(s => s.Slug == sectionSlug);
        if (index < 0)
            return null;
        SectionLink? At(int i) => i >= 0 && i < sections.Count ? sections[i] : null;
        var page = rendered.SectionPages[index];
        return new SectionPage(header, page.Section, page.References, At(index - 1), At(index + 1), sections) { Disclaimer = rendered.SectionPageDisclaimer };
    }

    public static ArticleHeader Header(Article a) => new(a.Slug, a.Title, a.Summary, a.AuthorName, a.AuthorCredentials,
        a.HeroImageUrl, a.HeroImageAlt, a.HeroImageCaption, a.PublishedAt, ReaderEdition.ModifiedForReaders(a), a.LastReviewedOn, a.ReviewedBy, a.NextReviewDue,
        a.Topics.OrderBy(t => t.Name).Select(t => new TopicLink(t.Slug, t.Name)).ToList());

    private static RenderedSection Render(Section section, CitationScope scope, MediaCatalog media)
    {
        var body = Html(ContentMarkdown.ToHtml(section.Body, scope, section.Heading, media: media));
        var facts = section.Facts.OrderBy(f => f.Position).Select(f => Html(ContentMarkdown.ToHtml(f.Text, scope, section.Heading, media: media))).ToList();
        var causes = section.Causes.OrderBy(c => c.Position).ToList();
        var anchors = CauseAnchor.For(section.Slug, causes.Select(c => c.Title));
        var rendered = causes.Select((c, i) => new RenderedCause(
            anchors[i], c.Title, Html(ContentMarkdown.ToHtml(c.Description, scope, c.Title, media: media)))).ToList();
        return new RenderedSection(section.Slug, section.Heading, section.Kind, body, facts, rendered);
    }

    private static HtmlString Html(string html) => new(html);
}

/// <summary>An article's page parts that do not change between requests, as stored in its <see cref="ReaderEdition"/>.</summary>
public sealed record RenderedArticle(
    IReadOnlyList<RenderedSection> Sections,
    IReadOnlyList<RenderedReference> References,
    HtmlString? Disclaimer,
    int ReadingMinutes,
    IReadOnlyList<RenderedSectionPage> SectionPages,
    string StructuredData)
{
    /// <summary>The disclaimer as a section's own page shows it.</summary>
    public HtmlString? SectionPageDisclaimer { get; init; }

    /// <summary>The hero image from the media library, as it was when published.</summary>
    public MediaPicture? Hero { get; init; }

    /// <summary>
    /// Writes the page's HTML into JSON strings nearly as it is (the relaxed encoder still escapes quotes, backslashes,
    /// control characters and a few others, such as characters outside the Basic Multilingual Plane): the default
    /// encoder's \u003C for every &lt; made each HTML string slower to read back. Safe because this JSON is only ever read
    /// back by <see cref="FromJson(ReadOnlySpan{byte})"/> and <see cref="FromJson(string)"/>, never put into a page or a
    /// script as it is; the JSON-LD inside it (<see cref="StructuredData"/>, which a page does put into a script) is a
    /// string that keeps its own escaping, written by the default encoder, which it must keep. Editions stored with the
    /// default encoder read the same: unescaping gives the same strings.
    /// </summary>
    private static readonly RenderedArticleJson Stored = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new HtmlStringConverter() },
    });

    public static string ToJson(RenderedArticle article) => JsonSerializer.Serialize(article, Stored.RenderedArticle);

    public static RenderedArticle FromJson(string json) => JsonSerializer.Deserialize(json, RenderedArticleJson.Default.RenderedArticle)!;

    public static RenderedArticle FromJson(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, RenderedArticleJson.Default.RenderedArticle)!;

    internal sealed class HtmlStringConverter : JsonConverter<HtmlString>
    {
        public override HtmlString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString());

        public override void Write(Utf8JsonWriter writer, HtmlString value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}

/// <summary>Source-generated (de)serialization: a reader page unpacks its edition on every request that misses the cache.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(RenderedArticle.HtmlStringConverter)])]
[JsonSerializable(typeof(RenderedArticle))]
internal sealed partial class RenderedArticleJson : JsonSerializerContext;

/// <summary>A section on its own page: its markers numbered on that page, and the references it cites.</summary>
public sealed record RenderedSectionPage(RenderedSection Section, IReadOnlyList<RenderedReference> References);

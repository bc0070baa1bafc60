using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using GutImmune.Web.Content;
using GutImmune.Web.Data;

namespace GutImmune.Web.Reading;

/// <summary>
/// What readers see of an article: its content as it was published, frozen at publish time with its page parts already
/// rendered, so that editing the article (its working copy) changes nothing for readers until the change is published,
/// and a page that is not in the output cache costs an indexed read and a template, not Markdown parsing.
/// One row per published or scheduled article; unpublishing removes it.
/// </summary>
public class ReaderEdition
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article's version this edition was published from.</summary>
    public int Version { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string AuthorName { get; set; }
    public string? AuthorCredentials { get; set; }
    public string? HeroImageUrl { get; set; }
    public string? HeroImageAlt { get; set; }
    public string? HeroImageCaption { get; set; }
    /// <summary>The media library image shown as the hero (for the article's card); also among <see cref="MediaIds"/>, which keep it from deletion.</summary>
    public int? HeroMediaId { get; set; }
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateOnly? LastReviewedOn { get; set; }
    public string? ReviewedBy { get; set; }
    public DateOnly? NextReviewDue { get; set; }
    /// <summary>The sections' slugs in order, one a line, for the sitemap (which must not unpack every page) and a former section address's 301.</summary>
    public string SectionSlugs { get; set; } = "";
    /// <summary>The library images this edition shows (<see cref="Media.MediaCatalog.ShownIds"/>): they may not be deleted while it does.</summary>
    public string MediaIds { get; set; } = "";
    public List<Topic> Topics { get; set; } = [];
    /// <summary>The change notes published with the article so far, newest first, as JSON: frozen with the edition like its page.</summary>
    public string ChangeNotes { get; set; } = "[]";

    /// <summary>The rendered page parts (<see cref="RenderedArticle"/> as JSON), Brotli-compressed.</summary>
    public byte[] RenderedPage { get; set; } = [];
    /// <summary>The published content in the article file format (citation downloads, the editor's comparison, discard), Brotli-compressed.</summary>
    public byte[] Snapshot { get; set; } = [];

    /// <summary>The one rule for what readers may see: an edition whose publication time has come by the time given.</summary>
    private static readonly Expression<Func<ReaderEdition, DateTime, bool>> VisibleRule = (e, utcNow) => e.PublishedAt <= utcNow;

    private static readonly Func<ReaderEdition, DateTime, bool> IsVisible = VisibleRule.Compile();

    /// <summary><see cref="VisibleRule"/> for a query: the time becomes a SQL parameter (a captured value), not a constant.</summary>
    public static Expression<Func<ReaderEdition, bool>> VisibleAt(DateTime utcNow)
    {
        Expression<Func<DateTime>> now = () => utcNow;
        var edition = Expression.Parameter(typeof(ReaderEdition), "e");
        return Expression.Lambda<Func<ReaderEdition, bool>>(Expression.Invoke(VisibleRule, edition, now.Body), edition);
    }

    /// <summary><see cref="VisibleRule"/> for an edition already read (by a compiled query that looks it up by its unique slug).</summary>
    public bool IsVisibleAt(DateTime utcNow) => IsVisible(this, utcNow);

    /// <summary>
    /// When what readers see of <paramref name="article"/> last changed: its last save, or its publication when that is later
    /// (a scheduled article changes for readers when it goes live). The edition's dates and the JSON-LD rendered with it.
    /// </summary>
    public static DateTime ModifiedForReaders(Article article) =>
        article.PublishedAt is { } published && published > article.UpdatedAt ? published : article.UpdatedAt;

    /// <summary>
    /// An edition that says it was modified before readers could see it: one scheduled before <see cref="Publish"/> took
    /// <see cref="ModifiedForReaders"/>, dated by the save that scheduled it.
    /// </summary>
    public static readonly Expression<Func<ReaderEdition, bool>> ModifiedBeforePublication = e => e.UpdatedAt < e.PublishedAt;

    /// <summary>
    /// Dates an edition modified before its publication (<see cref="ModifiedBeforePublication"/>) at its publication, as
    /// <see cref="Publish"/> now does: its column (sitemap, feed, API, the page's dates) and its page's JSON-LD.
    /// </summary>
    public void DateModifiedAtPublication()
    {
        UpdatedAt = PublishedAt;
        var page = ReadPage();
        var structuredData = JsonNode.Parse(page.StructuredData)!;
        structuredData["dateModified"] = DateMarkup.Iso(PublishedAt);
        RenderedPage = Compress(RenderedArticle.ToJson(page with { StructuredData = structuredData.ToJsonString() }));
    }

    /// <summary>Makes this edition hold <paramref name="article"/> as it is now (the article must be saved, with its topics).</summary>
    public void Publish(Article article, RenderedArticle rendered, string snapshot, string mediaIds, IReadOnlyList<PublishedChangeNote> changeNotes)
    {
        MediaIds = mediaIds;
        ArticleId = article.Id;
        Version = article.Version;
        Slug = article.Slug;
        Title = article.Title;
        Summary = article.Summary;
        AuthorName = article.AuthorName;
        AuthorCredentials = article.AuthorCredentials;
        HeroImageUrl = article.HeroImageUrl;
        HeroImageAlt = article.HeroImageAlt;
        HeroImageCaption = article.HeroImageCaption;
        HeroMediaId = rendered.Hero?.Id;
        PublishedAt = article.PublishedAt ?? throw new InvalidOperationException("A published article has a publication time.");
        UpdatedAt = ModifiedForReaders(article);
        LastReviewedOn = article.LastReviewedOn;
        ReviewedBy = article.ReviewedBy;
        NextReviewDue = article.NextReviewDue;
        SectionSlugs = string.Join('\n', article.Sections.OrderBy(s => s.Position).Select(s => s.Slug));
        Topics = [.. article.Topics];
        ChangeNotes = JsonSerializer.Serialize(changeNotes);
        RenderedPage = Compress(RenderedArticle.ToJson(rendered));
        Snapshot = Compress(snapshot);
    }

    public RenderedArticle ReadPage() => RenderedArticle.FromJson(Decompress(RenderedPage));

    /// <summary>The JSON of <see cref="RenderedArticle"/> in a stored <see cref="RenderedPage"/>.</summary>
    public static string ReadPageJson(byte[] renderedPage) => Decompress(renderedPage);

    /// <summary>
    /// The <see cref="RenderedArticle"/> in a stored <see cref="RenderedPage"/>, with its JSON's length: parsed from UTF-8,
    /// so a page is unpacked without a string or an array of its JSON.
    /// </summary>
    public static (RenderedArticle Page, int JsonLength) ReadStoredPage(byte[] renderedPage) =>
        BrotliText.Read(renderedPage, json => (RenderedArticle.FromJson(json), json.Length));

    public static string ReadSnapshot(byte[] snapshot) => Decompress(snapshot);

    public ArticleHeader Header() => new(Slug, Title, Summary, AuthorName, AuthorCredentials, HeroImageUrl, HeroImageAlt, HeroImageCaption,
        PublishedAt, UpdatedAt, LastReviewedOn, ReviewedBy, NextReviewDue, TopicLinks(Topics))
    {
        ChangeNotes = JsonSerializer.Deserialize<List<PublishedChangeNote>>(ChangeNotes) ?? [],
    };

    /// <summary>An edition's topics as its header lists them.</summary>
    public static IReadOnlyList<TopicLink> TopicLinks(IEnumerable<Topic> topics) =>
        topics.OrderBy(t => t.Name).Select(t => new TopicLink(t.Slug, t.Name)).ToList();

    /// <summary>Brotli's quality 5: a publish pays it once, and a reader's request pays only the (fast) decompression.</summary>
    private const int Quality = 5;

    private static byte[] Compress(string text) => BrotliText.Compress(text, Quality);

    private static string Decompress(byte[] compressed) => BrotliText.Decompress(compressed);
}

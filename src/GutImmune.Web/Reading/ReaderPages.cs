using GutImmune.Web.Content;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.People;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Reading;

// View models of the reader pages: what a page shows, already rendered, and nothing of the entities behind it.

/// <summary>An article as a card in a list, with when it was last medically reviewed.</summary>
public sealed record ArticleListItem(
    string Slug, string Title, string Summary, string Byline, DateTime? PublishedAt, DateTime UpdatedAt, DateOnly? LastReviewedOn)
{
    /// <summary>The hero image from the media library; null shows the card's designed stand-in.</summary>
    public Media.MediaPicture? Image { get; init; }
}

public sealed record HomePage(IReadOnlyList<ArticleListItem> Articles, int PageNumber, bool HasNextPage);

public sealed record TopicLink(string Slug, string Name);

public sealed record TopicPage(TopicLink Topic, IReadOnlyList<ArticleListItem> Articles, int PageNumber, bool HasNextPage);

public sealed record TopicIndexEntry(string Slug, string Name, int ArticleCount);

public sealed record ArticleHeader(
    string Slug,
    string Title,
    string Summary,
    string AuthorName,
    string? AuthorCredentials,
    string? HeroImageUrl,
    string? HeroImageAlt,
    string? HeroImageCaption,
    DateTime? PublishedAt,
    DateTime UpdatedAt,
    DateOnly? LastReviewedOn,
    string? ReviewedBy,
    DateOnly? NextReviewDue,
    IReadOnlyList<TopicLink> Topics)
{
    public string Byline => AuthorCredentials is null ? AuthorName : $"{AuthorName}, {AuthorCredentials}";

    /// <summary>The notes of the changes published since the first publication, newest first.</summary>
    public IReadOnlyList<PublishedChangeNote> ChangeNotes { get; init; } = [];
}

/// <summary>A change to a live article as readers are told of it: when it was published and what changed.</summary>
public sealed record PublishedChangeNote(DateTime PublishedAt, string Note);

public sealed record RenderedCause(string Anchor, string Title, HtmlString Description);

public sealed record RenderedSection(
    string Slug,
    string Heading,
    SectionKind Kind,
    HtmlString Body,
    IReadOnlyList<HtmlString> Facts,
    IReadOnlyList<RenderedCause> Causes);

/// <param name="Evidence">The reference's evidence type; editions published before evidence types existed read as not classified.</param>
public sealed record RenderedReference(int Number, HtmlString Text, IReadOnlyList<CitationUse> CitedAt, EvidenceType Evidence = EvidenceType.NotClassified)
{
    public string Anchor => ReferenceAnchor.For(Number);
}

public sealed record SectionLink(string Slug, string Heading);

public sealed record ArticlePage(
    ArticleHeader Header,
    IReadOnlyList<RenderedSection> Sections,
    IReadOnlyList<RenderedReference> References,
    HtmlString? Disclaimer,
    int ReadingMinutes,
    IReadOnlyList<ArticleListItem> Related,
    ReferenceExport.CiteThisPage Cite,
    string StructuredData)
{
    /// <summary>The author and reviewer linked to their profiles (<see cref="ArticleSurroundings.Credits"/>, <see cref="PeopleDirectory.WithCreditsAsync"/>); null shows them as text.</summary>
    public ArticleCredits? Credits { get; init; }

    /// <summary>The hero image from the media library; null when the article has none.</summary>
    public Media.MediaPicture? Hero { get; init; }

    /// <summary>
    /// Names everything the article's markup is made of (its edition and version, the stamp of its surroundings, the day
    /// its citation was accessed): the same key, the same HTML, so the page's view may keep its markup under it. Null
    /// for a preview, which is rendered anew every time.
    /// </summary>
    public string? MarkupKey { get; init; }
}

/// <summary>
/// What an article page shows of other articles and of people: its related articles, its author and reviewer linked to
/// their profiles, and its JSON-LD naming them. Changes when any article is published or withdrawn or any profile saved,
/// and at <paramref name="ValidUntil"/>: the next scheduled time of any article (one that shares a topic joins the related articles then).
/// </summary>
public sealed record ArticleSurroundings(IReadOnlyList<ArticleListItem> Related, ArticleCredits Credits, string StructuredData, DateTime? ValidUntil)
{
    /// <summary>Set anew each time these surroundings are stored (<c>ArticleSurroundingsCache</c>): the same stamp, the same surroundings. Null on those just built.</summary>
    public string? Stamp { get; init; }
}

public sealed record SectionPage(
    ArticleHeader Header,
    RenderedSection Section,
    IReadOnlyList<RenderedReference> References,
    SectionLink? Previous,
    SectionLink? Next,
    IReadOnlyList<SectionLink> Sections)
{
    /// <summary>The article's disclaimer, which every page showing its content carries.</summary>
    public HtmlString? Disclaimer { get; init; }

    /// <summary>The article's author and reviewer, as its header credits them (<see cref="ArticleSurroundings.Credits"/>).</summary>
    public ArticleCredits? Credits { get; init; }
}

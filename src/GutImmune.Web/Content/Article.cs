namespace GutImmune.Web.Content;

/// <summary>
/// A health article: ordered sections, numbered citations and the dates that tell readers how current it is. These rows
/// are the editors' working copy; readers see the article's <see cref="Reading.ReaderEdition"/>, written when it is published.
/// </summary>
public class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>The standfirst: one or two sentences shown under the title and on lists.</summary>
    public required string Summary { get; set; }
    public required string AuthorName { get; set; }
    public string? AuthorCredentials { get; set; }
    public string? HeroImageUrl { get; set; }
    public string? HeroImageAlt { get; set; }
    public string? HeroImageCaption { get; set; }
    /// <summary>The hero image from the media library (<see cref="Media.MediaImage"/>), shown in the article's header.</summary>
    public int? HeroMediaId { get; set; }
    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateOnly? LastReviewedOn { get; set; }
    /// <summary>Name of the reviewer who signed off the last medical review.</summary>
    public string? ReviewedBy { get; set; }
    public DateOnly? NextReviewDue { get; set; }
    /// <summary>Why an Admin published the article without a signed-off review; null once a review is signed off.</summary>
    public string? ReviewOverrideReason { get; set; }
    /// <summary>Markdown shown as a notice at the foot of the article.</summary>
    public string? Disclaimer { get; set; }

    public DateTime CreatedAt { get; set; }
    /// <summary>Incremented by every save; a save that started from an older version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public List<Section> Sections { get; set; } = [];
    public List<Citation> Citations { get; set; } = [];
    public List<Topic> Topics { get; set; } = [];
    /// <summary>Claims editors marked as needing no citation, kept with the content (revisions, export, import).</summary>
    public List<NoCitationNeeded> NoCitationNeeded { get; set; } = [];
}

public enum ArticleStatus
{
    Draft = 0,
    InReview = 1,
    Published = 2,
    Unpublished = 3,
    ChangesRequested = 4,
    Approved = 5,
}

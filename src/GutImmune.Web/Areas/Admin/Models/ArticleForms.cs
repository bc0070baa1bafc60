using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using GutImmune.Web.Content;
using GutImmune.Web.Publishing;
using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>The article's own fields (not its sections or references), as edited on the article page.</summary>
public sealed class ArticleForm
{
    public int Version { get; set; }

    [Required(ErrorMessage = "Enter a title.")]
    [VisibleText(ErrorMessage = "The title " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Title, ErrorMessage = "The title can be at most {1:N0} characters long.")]
    public string Title { get; set; } = "";

    [Display(Name = "Slug (the address: /articles/slug)")]
    [StringLength(ContentLimits.Slug, ErrorMessage = "The slug can be at most {1:N0} characters long.")]
    [RegularExpression(Content.Slug.Pattern, ErrorMessage = Content.Slug.FormatMessage)]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Enter a summary: one or two sentences shown under the title and in lists.")]
    [VisibleText(ErrorMessage = "The summary " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Summary, ErrorMessage = "The summary can be at most {1:N0} characters long.")]
    public string Summary { get; set; } = "";

    [Display(Name = "Author name")]
    [Required(ErrorMessage = "Enter the author’s name.")]
    [VisibleText(ErrorMessage = "The author’s name " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Name, ErrorMessage = "The author’s name can be at most {1:N0} characters long.")]
    public string AuthorName { get; set; } = "";

    [Display(Name = "Author credentials")]
    [StringLength(ContentLimits.Name, ErrorMessage = "The credentials can be at most {1:N0} characters long.")]
    public string? AuthorCredentials { get; set; }

    [Display(Name = "Image address (URL)")]
    [Url(ErrorMessage = "Enter a full web address starting with https://.")]
    [StringLength(ContentLimits.Url, ErrorMessage = "The image address can be at most {1:N0} characters long.")]
    public string? HeroImageUrl { get; set; }

    [Display(Name = "Image description (alt text)")]
    [StringLength(ContentLimits.ShortText, ErrorMessage = "The image description can be at most {1:N0} characters long.")]
    public string? HeroImageAlt { get; set; }

    [Display(Name = "Image caption")]
    [StringLength(ContentLimits.ShortText, ErrorMessage = "The caption can be at most {1:N0} characters long.")]
    public string? HeroImageCaption { get; set; }

    [Display(Name = "Hero image (media library)")]
    public int? HeroMediaId { get; set; }

    /// <summary>The library images that may be chosen as the hero (those with alt text); filled by the controller, never posted.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<(int Id, string Label)> HeroChoices { get; set; } = [];

    [Display(Name = "Topics (separated by commas)")]
    [StringLength(1000, ErrorMessage = "The topics can be at most {1:N0} characters long together.")]
    public string? Topics { get; set; }

    [Display(Name = "Disclaimer (Markdown)")]
    [StringLength(ContentLimits.Markdown, ErrorMessage = "The disclaimer can be at most {1:N0} characters long.")]
    [CitesReferences]
    public string? Disclaimer { get; set; }

    /// <summary>A problem of the content in words, led by its place: an article field by its label ("The title is required."), a part by its place ("Section 2, heading: ...").</summary>
    public static string InWords(ContentProblem problem) => problem.Place switch
    {
        ContentPlace.Whole => problem.Message,
        ContentPlace.ArticleField when FieldFor(problem.Place) is { } field => Sentence(field.Label, problem.Message),
        ContentPlace.ArticleField => $"{char.ToUpperInvariant(problem.Message[0])}{problem.Message[1..]}",
        _ => $"{problem.Place.Describe()}: {problem.Message}",
    };

    /// <summary>A field's message led by its label ("The title is required.") when it reads as the rest of a sentence.</summary>
    public static string Sentence(string label, string message) =>
        message.StartsWith("is ") || message.StartsWith("must ") ? $"{label} {message}" : char.ToUpperInvariant(message[0]) + message[1..];

    /// <summary>Whether a form field's text <paramref name="sent"/> is what the stored part holds (<paramref name="stored"/>,
    /// the same field of the form the part fills), line breaks and surrounding spaces aside, as the save would store it.</summary>
    public static bool SentAsStored(string? sent, object? stored) => Comparable(sent) == Comparable(stored?.ToString());

    private static string? Comparable(string? text) => text?.Replace("\r\n", "\n").Trim() is { Length: > 0 } kept ? kept : null;

    /// <summary>The field of this form that shows a problem at <paramref name="place"/>, if it has one.</summary>
    public static FormField? FieldFor(ContentPlace place) => place switch
    {
        ContentPlace.ArticleField { Field: ArticlePart.Slug } => new(nameof(Slug), "The slug"),
        ContentPlace.ArticleField { Field: ArticlePart.Title } => new(nameof(Title), "The title"),
        ContentPlace.ArticleField { Field: ArticlePart.Summary } => new(nameof(Summary), "The summary"),
        ContentPlace.ArticleField { Field: ArticlePart.AuthorName } => new(nameof(AuthorName), "The author’s name"),
        ContentPlace.ArticleField { Field: ArticlePart.AuthorCredentials } => new(nameof(AuthorCredentials), "The credentials"),
        ContentPlace.ArticleField { Field: ArticlePart.HeroImageUrl } => new(nameof(HeroImageUrl), "The image address"),
        ContentPlace.ArticleField { Field: ArticlePart.HeroImageAlt } => new(nameof(HeroImageAlt), "The image description"),
        ContentPlace.ArticleField { Field: ArticlePart.HeroImageCaption } => new(nameof(HeroImageCaption), "The caption"),
        ContentPlace.ArticleField { Field: ArticlePart.HeroImageMediaId } => new(nameof(HeroMediaId), "The hero image"),
        ContentPlace.ArticleField { Field: ArticlePart.Disclaimer } => new(nameof(Disclaimer), "The disclaimer"),
        ContentPlace.Topic => new(nameof(Topics), "Each topic"),
        _ => null,
    };

    public static ArticleForm From(Article a) => new()
    {
        Version = a.Version, Title = a.Title, Slug = a.Slug, Summary = a.Summary, AuthorName = a.AuthorName,
        AuthorCredentials = a.AuthorCredentials, HeroImageUrl = a.HeroImageUrl, HeroImageAlt = a.HeroImageAlt,
        HeroImageCaption = a.HeroImageCaption, HeroMediaId = a.HeroMediaId, Disclaimer = a.Disclaimer,
        Topics = string.Join(", ", a.Topics.Select(t => t.Name).Order()),
    };

    public void ApplyTo(Article a)
    {
        a.Title = Title.Trim();
        a.Slug = string.IsNullOrWhiteSpace(Slug) ? Content.Slug.From(Title) : Slug.Trim();
        a.Summary = Summary.Trim();
        a.AuthorName = AuthorName.Trim();
        a.AuthorCredentials = Blank(AuthorCredentials);
        a.HeroImageUrl = Blank(HeroImageUrl);
        a.HeroImageAlt = Blank(HeroImageAlt);
        a.HeroImageCaption = Blank(HeroImageCaption);
        a.HeroMediaId = HeroMediaId;
        a.Disclaimer = Blank(Disclaimer);
        a.Topics = (Topics ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => new Topic { Name = name, Slug = Content.Slug.From(name) })
            .ToList();
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Discarding the working copy's changes: the version seen, and the confirmation page's answer.</summary>
public sealed class DiscardForm
{
    public int Version { get; set; }
    public bool Confirmed { get; set; }
}

/// <summary>A workflow step (see <see cref="EditorialWorkflow"/>), with when to publish and, to publish without a review, why.</summary>
public sealed class StatusForm
{
    public int Version { get; set; }
    public WorkflowStep? Step { get; set; }

    /// <summary>Publication time in UTC; empty publishes now.</summary>
    [Display(Name = "Publish at (UTC, leave empty for now)")]
    public DateTime? PublishAt { get; set; }

    /// <summary>Why an Admin publishes without a signed-off review; required for that step, kept in the audit log.</summary>
    [Display(Name = "Why publish without a medical review?")]
    [StringLength(ContentLimits.ShortText, ErrorMessage = "The reason can be at most {1:N0} characters long.")]
    public string? OverrideReason { get; set; }

    /// <summary>What a Reviewer asks to change, with "request changes"; required unless open review comments say it.</summary>
    [Display(Name = "What needs to change")]
    [StringLength(ReviewComment.MaxTextLength, ErrorMessage = "What needs to change can be at most {1:N0} characters long: put the details in comments on the items.")]
    public string? ChangesSummary { get; set; }

    /// <summary>The public note of what changed, required to publish changes to an article readers see.</summary>
    [Display(Name = "What changed (shown to readers)")]
    [StringLength(Publishing.ChangeNote.MaxLength, ErrorMessage = "The change note can be at most {1:N0} characters long.")]
    public string? ChangeNote { get; set; }

    /// <summary>Set by the confirmation page; unpublishing without it shows that page instead.</summary>
    public bool Confirmed { get; set; }
}

/// <summary>A medical review sign-off. Who signed is the signed-in account's person, never a typed name.</summary>
public sealed class ReviewForm
{
    public int Version { get; set; }

    [Display(Name = "Reviewed on")]
    [Required(ErrorMessage = "Enter the date of the review.")]
    public DateOnly? ReviewedOn { get; set; }

    [Display(Name = "Next review due")]
    [Required(ErrorMessage = "Enter when the next review is due.")]
    public DateOnly? NextReviewDue { get; set; }

    public static FormField? FieldFor(ContentPlace place) => place switch
    {
        ContentPlace.ArticleField { Field: ArticlePart.LastReviewedOn } => new(nameof(ReviewedOn), "The review date"),
        ContentPlace.ArticleField { Field: ArticlePart.NextReviewDue } => new(nameof(NextReviewDue), "The next review"),
        _ => null,
    };
}

/// <summary>
/// The article editing page: its fields, its structure, its workflow: the <paramref name="State"/> it is in, the
/// <paramref name="Steps"/> the signed-in person may take from there, and whether its current content carries a
/// signed-off review (<paramref name="SignedOff"/>), which publishing needs.
/// </summary>
/// <param name="UnpublishedChanges">How the working copy differs from what readers see; null when readers see nothing of the article.</param>
/// <param name="OpenThreads">The review comment threads not yet resolved, shown at the top.</param>
/// <param name="Live">Readers see the article (it has a reader edition), whatever its working copy's state.</param>
/// <param name="ChangesContent">The working copy's content differs from what readers read: false when readers see nothing of
/// the article, or when only its review differs (a sign-off through a review link, published without a change note).</param>
/// <param name="PublishWithheld">Why the workflow would let this person publish but the review does not (no sign-off of the current
/// content, or one through a review link they made); Publish is then not among the <paramref name="Steps"/>.</param>
/// <param name="PublishedReviewer">The reviewer readers see once this person publishes, when they may.</param>
public sealed record ArticleEditPage(Article Article, ArticleForm Form, ReviewForm Review, StatusForm Status, bool CanEdit, bool CanReview,
    EditorialState State, bool Live, bool ChangesContent, IReadOnlyList<WorkflowStep> Steps, string? PublishWithheld, bool SignedOff, string? PublishedReviewer,
    DateTime Now, IReadOnlyList<UnpublishedChange>? UnpublishedChanges,
    IReadOnlyList<ReviewThread> OpenThreads, IReadOnlyList<ReviewLinks.Listed> ReviewLinks,
    IReadOnlyDictionary<string, GutImmune.Web.LinkChecking.LinkCheck> LinkChecks, ContentChecksPanel ContentChecks,
    IReadOnlyList<string> ProblemsToMend)
{
    public bool Offers(WorkflowStep step) => Steps.Contains(step);

    /// <summary>Publishing publishes the working copy's changes to an article readers already see: at once, with a change note.</summary>
    public bool PublishesChanges => Live && State != EditorialState.Scheduled;

    /// <summary>The steps that are one button each (publishing and unpublishing have forms and pages of their own).</summary>
    public IEnumerable<WorkflowStep> ButtonSteps =>
        Steps.Where(s => s is WorkflowStep.Submit or WorkflowStep.ReturnToDraft).Distinct();
}

/// <summary>A review link just made: its address, shown this once.</summary>
public sealed record ReviewLinkCreatedPage(int ArticleId, string Address, DateTime ExpiresAt);

using GutImmune.Web.Content;
using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Reading;

namespace GutImmune.Web.Publishing;

/// <summary>
/// A review link's page: the working copy as readers will see it, and the sign-off form bound to the content shown
/// (<paramref name="Version"/> and its <paramref name="Fingerprint"/>).
/// </summary>
/// <param name="ChangedSinceLinkMade">The working copy is no longer what it was when the link was made.</param>
/// <param name="SignOffUnavailable">Why the copy cannot be signed off now (not yet submitted for review), or null.</param>
/// <param name="SignedOff">The latest sign-off of this very content, if any: then there is nothing left to sign off.</param>
/// <param name="PublishedAt">Since when readers see this very content with its review, if they do.</param>
/// <param name="LinkId">The link shown, to tell a sign-off through it from one made otherwise.</param>
public sealed record ReviewLinkPage(string Address, ArticlePage Article, int Version, string Fingerprint, DateTime ExpiresAt,
    bool ChangedSinceLinkMade, string? SignOffUnavailable, ReviewSignOff? SignedOff, DateTime? PublishedAt, int LinkId, int OpenThreads,
    ReviewLinkSignOffForm Form)
{
    public string CommentsAddress => Address.TrimEnd('/') + "/comments";
}

/// <summary>
/// A review link's comments page: the working copy item by item with its threads, and a form to comment on each item or
/// reply to a thread under the name the reviewer gives. <paramref name="Posted"/> is a comment not saved, shown again.
/// </summary>
public sealed record ReviewLinkCommentsPage(string Address, string Title, int Version, bool ChangedSinceLinkMade, IReadOnlyList<ReviewItem> Items,
    IReadOnlyList<ReviewThread> Threads, ReviewLinkCommentForm? Posted)
{
    public string CommentsAddress => Address.TrimEnd('/') + "/comments";

    public IEnumerable<ReviewThread> On(ReviewItem item) => Threads.Where(t => t.Item == item);

    public IEnumerable<ReviewThread> OnRemovedItems => Threads.Where(t => t.Item is null);

    public string? TextFor(string fieldId) => Posted?.FieldId == fieldId ? Posted.Text : null;

    public static string CommentFieldId(string itemKey) => $"comment-{itemKey}";

    public static string ReplyFieldId(int threadId) => $"reply-{threadId}";
}

/// <summary>A comment through a review link: on an item (<see cref="ItemKind"/>, <see cref="ItemId"/>) or a reply to a thread.</summary>
public sealed class ReviewLinkCommentForm
{
    public int Version { get; set; }
    public ReviewItemKind? ItemKind { get; set; }
    public int? ItemId { get; set; }
    public int? ThreadId { get; set; }

    [Display(Name = "Your name")]
    [Required(ErrorMessage = "Enter your name: the editors see it beside your comment.")]
    [VisibleText(ErrorMessage = "Enter your name: the editors see it beside your comment.")]
    [StringLength(ReviewLinks.NameLength, ErrorMessage = "Your name can be at most {1:N0} characters long.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Write the comment.")]
    [VisibleText(ErrorMessage = "Write the comment: it holds no visible text.")]
    [StringLength(ReviewComment.MaxTextLength, ErrorMessage = "A comment can be at most {1:N0} characters long.")]
    public string? Text { get; set; }

    /// <summary>The id of the text box this form was written in.</summary>
    public string FieldId => ThreadId is { } thread ? ReviewLinkCommentsPage.ReplyFieldId(thread)
        : ReviewLinkCommentsPage.CommentFieldId(ReviewItem.KeyOf(ItemKind ?? ReviewItemKind.Article, ItemId));
}

/// <summary>A clinician's sign-off through a review link: who they are, and that they mean it, for the content the page showed.</summary>
public sealed class ReviewLinkSignOffForm
{
    /// <summary>Said when the hidden field naming the content the page showed comes back empty or altered: only a forged or damaged form sends that.</summary>
    public const string FingerprintMissing = "This form did not say which content it signs off: reload the page, read the copy shown, and sign it off again.";

    public int Version { get; set; }

    [Required(ErrorMessage = FingerprintMissing)]
    [StringLength(64, ErrorMessage = FingerprintMissing)]
    public string Fingerprint { get; set; } = "";

    [Display(Name = "Your name")]
    [Required(ErrorMessage = "Enter your name as readers should see it.")]
    [VisibleText(ErrorMessage = "Enter your name as readers should see it.")]
    [StringLength(ReviewLinks.NameLength, ErrorMessage = "Your name can be at most {1:N0} characters long.")]
    public string? Name { get; set; }

    [Display(Name = "Your credentials")]
    [Required(ErrorMessage = "Enter your credentials, e.g. “MD, gastroenterologist”.")]
    [VisibleText(ErrorMessage = "Enter your credentials, e.g. “MD, gastroenterologist”.")]
    [StringLength(ReviewLinks.CredentialsLength, ErrorMessage = "Your credentials can be at most {1:N0} characters long.")]
    public string? Credentials { get; set; }

    public bool Confirmed { get; set; }
}

/// <summary>The page of a review link that does not work: unknown (404), expired or revoked (410).</summary>
public sealed record ReviewLinkClosedPage(ReviewLinkState? State);

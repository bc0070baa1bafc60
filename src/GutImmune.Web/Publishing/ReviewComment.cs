using System.Security.Claims;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;

namespace GutImmune.Web.Publishing;

/// <summary>
/// A comment on an item of an article's working copy (<see cref="ReviewItem"/>): the first of a thread, or a reply to
/// one (<see cref="ThreadId"/>). It keeps the article version it was made on and what the item held then
/// (<see cref="ItemFingerprint"/>), so a thread on an item changed or removed since is kept and shown as outdated.
/// Plain text: pages encode it, nothing renders it.
/// </summary>
public class ReviewComment
{
    public const int MaxTextLength = 2000;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The first comment of the thread this one replies to; null for the first comment itself.</summary>
    public int? ThreadId { get; set; }
    public ReviewItemKind ItemKind { get; set; }
    /// <summary>The section, fact, cause or reference commented on; null for the article as a whole.</summary>
    public int? ItemId { get; set; }
    /// <summary>What the item was called when the thread started, shown once the item is gone.</summary>
    public required string ItemLabel { get; set; }
    public required string ItemFingerprint { get; set; }
    public int ArticleVersion { get; set; }
    /// <summary>The sign-in name of the account that wrote it, or "via review link {id}" for an outside reviewer's.</summary>
    public required string Author { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the thread (kept on its first comment) was resolved; null while it is open.</summary>
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>Who may resolve or reopen the thread this comment starts: Editors, Admins and whoever started it.</summary>
    public bool MayBeResolvedBy(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Editor) || string.Equals(user.Identity?.Name, Author, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a review comment is about.</summary>
public enum ReviewItemKind
{
    Article,
    Section,
    Fact,
    Cause,
    Citation,
}

/// <summary>Who writes a comment: the account it is kept under, and the name shown beside it.</summary>
public sealed record CommentAuthor(string Account, string Name)
{
    public static CommentAuthor Of(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "unknown", user.GetDisplayName() ?? user.Identity?.Name ?? "unknown");

    /// <summary>An outside reviewer writing through a review link, under the name they give (no account can resolve as them).</summary>
    public static CommentAuthor ViaReviewLink(ReviewLink link, string name) =>
        new($"{ArticleWorkflow.ViaReviewLink} {link.Id}", $"{TextCharacters.ForPlainText(name)} {ArticleWorkflow.ViaReviewLink}");

    /// <summary>An outside reviewer, who can neither resolve nor reopen threads.</summary>
    public bool ThroughReviewLink => Account.StartsWith(ArticleWorkflow.ViaReviewLink + " ", StringComparison.Ordinal);
}

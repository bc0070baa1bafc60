using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using GutImmune.Web.Publishing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>A review comment: a new thread on an item (<see cref="ItemKind"/>, <see cref="ItemId"/>) read at <see cref="Version"/>, or a reply to <see cref="ThreadId"/>.</summary>
public sealed class CommentForm
{
    public int Version { get; set; }
    public ReviewItemKind? ItemKind { get; set; }
    public int? ItemId { get; set; }
    public int? ThreadId { get; set; }

    [Required(ErrorMessage = "Write the comment.")]
    [StringLength(ReviewComment.MaxTextLength, ErrorMessage = "A comment can be at most {1:N0} characters long.")]
    [VisibleText(ErrorMessage = "Write the comment: it holds no visible text.")]
    public string? Text { get; set; }

    /// <summary>The id of the text box this form was written in, on the review comments page.</summary>
    public string FieldId => ThreadId is { } thread ? ReviewCommentsPage.ReplyFieldId(thread)
        : ReviewCommentsPage.CommentFieldId(ReviewItem.KeyOf(ItemKind ?? ReviewItemKind.Article, ItemId));
}

/// <summary>Resolving or reopening a thread, named by its first comment.</summary>
public sealed class ThreadForm
{
    public int ThreadId { get; set; }
}

/// <summary>
/// The review comments page: every item of the working copy with its threads beside it, then the threads on items
/// removed since. <paramref name="Posted"/> is a comment that was not saved, shown again in the form it came from.
/// </summary>
public sealed record ReviewCommentsPage(Article Article, EditorialState State, IReadOnlyList<ReviewItem> Items, IReadOnlyList<ReviewThread> Threads,
    CommentForm? Posted)
{
    public IEnumerable<ReviewThread> On(ReviewItem item) => Threads.Where(t => t.Item == item);

    public IEnumerable<ReviewThread> OnRemovedItems => Threads.Where(t => t.Item is null);

    public int OpenCount => Threads.Count(t => t.First.IsOpen);

    /// <summary>What the form for a new thread on <paramref name="item"/> shows: what was posted there and not saved, or nothing.</summary>
    public string? TextFor(ReviewItem item) => Posted is { ThreadId: null } p && p.FieldId == CommentFieldId(item.Key) ? p.Text : null;

    public string? ReplyTextFor(ReviewThread thread) => Posted?.ThreadId == thread.First.Id ? Posted.Text : null;

    public static string CommentFieldId(string itemKey) => $"comment-{itemKey}";

    public static string ReplyFieldId(int threadId) => $"reply-{threadId}";
}

using System.Security.Claims;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Publishing;

/// <summary>
/// A thread of review comments with the item it is about as the working copy holds it now: null when the item was
/// removed since. <see cref="Outdated"/> when the item changed or went after the thread started.
/// </summary>
public sealed record ReviewThread(ReviewComment First, IReadOnlyList<ReviewComment> Replies, ReviewItem? Item)
{
    public bool Outdated => Item is null || Item.Fingerprint != First.ItemFingerprint;

    /// <summary>Why the thread is outdated, in words; null when the item is as it was.</summary>
    public string? OutdatedNote => Item is null ? $"{First.ItemLabel} was removed after version {First.ArticleVersion}."
        : Outdated ? $"{Item.Label} changed after version {First.ArticleVersion}." : null;
}

/// <summary>What became of a comment, resolve or reopen.</summary>
public abstract record CommentOutcome
{
    public sealed record Done(int ThreadId) : CommentOutcome;
    public sealed record NotFound : CommentOutcome;
    /// <summary>Not done, and why; <paramref name="Forbidden"/> when it is the person's role that does not allow it.</summary>
    public sealed record Refused(string Message, bool Forbidden = false) : CommentOutcome;
}

/// <summary>
/// Review comments on an article's working copy: threads by item, new threads and replies, resolving and reopening,
/// each audited. Comments are not content: they do not make a new article version.
/// </summary>
public sealed class ReviewDiscussion(GutImmuneDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The article's threads, oldest first, each with its item as <paramref name="article"/> holds it now.</summary>
    public async Task<IReadOnlyList<ReviewThread>> ThreadsAsync(Article article, CancellationToken cancellationToken)
    {
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var items = ReviewItem.Of(article);
        var replies = comments.Where(c => c.ThreadId is not null).ToLookup(c => c.ThreadId!.Value);
        return comments.Where(c => c.ThreadId is null)
            .Select(first => new ReviewThread(first, replies[first.Id].ToList(), items.FirstOrDefault(i => i.Is(first.ItemKind, first.ItemId))))
            .ToList();
    }

    public Task<int> OpenThreadCountAsync(int articleId, CancellationToken cancellationToken) =>
        db.ReviewComments.CountAsync(c => c.ArticleId == articleId && c.ThreadId == null && c.ResolvedAt == null, cancellationToken);

    /// <summary>
    /// Starts a thread on the item <paramref name="kind"/> <paramref name="itemId"/> of <paramref name="article"/> as read at
    /// <paramref name="version"/>, which must be the version it is at: a comment is about what the reviewer read. An item
    /// missing from the version read is <see cref="CommentOutcome.NotFound"/> (it never was there). The same comment sent
    /// again (a double click, a reload) starts no second thread: the answer is the thread it started.
    /// </summary>
    public async Task<CommentOutcome> StartThreadAsync(Article article, int version, ReviewItemKind kind, int? itemId, string text, CommentAuthor author,
        CancellationToken cancellationToken)
    {
        if (ReviewItem.Of(article).FirstOrDefault(i => i.Is(kind, itemId)) is not { } item)
            return version >= article.Version ? new CommentOutcome.NotFound()
                : new CommentOutcome.Refused("That item is no longer in the article: nothing was saved. Comment on what the article holds now.");
        if (version != article.Version)
            return new CommentOutcome.Refused($"The article changed since you opened it (it is at version {article.Version}, you read version {version}): " +
                "your comment is below, not yet saved. Read the item again and post it if it still applies.");
        var (stored, authorName) = (TextCharacters.ForPlainText(text), TextCharacters.ForPlainText(author.Name));
        var sentBefore = await db.ReviewComments.AsNoTracking()
            .Where(c => c.ArticleId == article.Id && c.ThreadId == null && c.ArticleVersion == version && c.ItemKind == item.Kind
                && c.ItemId == item.Id && c.Author == author.Account && c.AuthorName == authorName && c.Text == stored)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (sentBefore is { } threadId)
            return new CommentOutcome.Done(threadId);
        var comment = Start(article, item, text, author);
        await db.SaveChangesAsync(cancellationToken);
        return new CommentOutcome.Done(comment.Id);
    }

    /// <summary>
    /// A new thread added to the unit of work (saved by the caller's save, as a "request changes" summary is with its
    /// step), and its audit entry.
    /// </summary>
    public ReviewComment Start(Article article, ReviewItem item, string text, CommentAuthor author)
    {
        var comment = New(article, item.Kind, item.Id, item.Label, item.Fingerprint, null, text, author);
        db.ReviewComments.Add(comment);
        return comment;
    }

    /// <summary>
    /// Adds a reply to an open thread. The same reply sent again (a double click, a reload: the thread's last comment is the
    /// same person's with the same text) adds nothing: the answer is the thread.
    /// </summary>
    public async Task<CommentOutcome> ReplyAsync(Article article, int threadId, string text, CommentAuthor author, CancellationToken cancellationToken)
    {
        if (await FirstAsync(article.Id, threadId, cancellationToken) is not { } first)
            return new CommentOutcome.NotFound();
        if (!first.IsOpen)
            return new CommentOutcome.Refused(author.ThroughReviewLink
                ? "The editors resolved this thread, so it takes no more replies: nothing was saved. If your point still applies, post it as a new comment on the item."
                : "The thread is resolved: reopen it to reply.");
        var (stored, authorName) = (TextCharacters.ForPlainText(text), TextCharacters.ForPlainText(author.Name));
        var last = await db.ReviewComments.AsNoTracking().Where(c => c.ThreadId == first.Id).OrderByDescending(c => c.Id)
            .Select(c => new { c.Author, c.AuthorName, c.Text }).FirstOrDefaultAsync(cancellationToken);
        if (last is not null && last.Author == author.Account && last.AuthorName == authorName && last.Text == stored)
            return new CommentOutcome.Done(first.Id);
        db.ReviewComments.Add(New(article, first.ItemKind, first.ItemId, first.ItemLabel, first.ItemFingerprint, first.Id, text, author));
        await db.SaveChangesAsync(cancellationToken);
        return new CommentOutcome.Done(first.Id);
    }

    /// <summary>Resolves (or, with <paramref name="resolved"/> false, reopens) a thread: Editors, Admins and the thread's author may.</summary>
    public async Task<CommentOutcome> SetResolvedAsync(Article article, int threadId, bool resolved, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FirstAsync(article.Id, threadId, cancellationToken) is not { } first)
            return new CommentOutcome.NotFound();
        if (!first.MayBeResolvedBy(user))
            return new CommentOutcome.Refused($"Only Editors, Admins and the person who started a thread may {(resolved ? "resolve" : "reopen")} it: nothing was changed.",
                Forbidden: true);
        if (first.IsOpen == !resolved)
            return new CommentOutcome.Done(first.Id);
        (first.ResolvedAt, first.ResolvedBy) = resolved ? (Now, user.GetDisplayName() ?? user.Identity?.Name) : ((DateTime?)null, (string?)null);
        audit.Add(resolved ? AuditLog.Actions.ReviewThreadResolved : AuditLog.Actions.ReviewThreadReopened, Target(article),
            $"{first.ItemLabel}, thread started on version {first.ArticleVersion} by {first.AuthorName}");
        await db.SaveChangesAsync(cancellationToken);
        return new CommentOutcome.Done(first.Id);
    }

    private Task<ReviewComment?> FirstAsync(int articleId, int threadId, CancellationToken cancellationToken) =>
        db.ReviewComments.SingleOrDefaultAsync(c => c.Id == threadId && c.ArticleId == articleId && c.ThreadId == null, cancellationToken);

    private ReviewComment New(Article article, ReviewItemKind kind, int? itemId, string label, string fingerprint, int? threadId, string text,
        CommentAuthor author)
    {
        var comment = new ReviewComment
        {
            ArticleId = article.Id, ThreadId = threadId, ItemKind = kind, ItemId = itemId, ItemLabel = label, ItemFingerprint = fingerprint,
            ArticleVersion = article.Version, Author = author.Account, AuthorName = TextCharacters.ForPlainText(author.Name),
            Text = TextCharacters.ForPlainText(text), CreatedAt = Now,
        };
        audit.Add(AuditLog.Actions.ReviewCommented, Target(article),
            $"{(threadId is null ? "new thread" : "reply")} on {label}, version {article.Version}: {Shorten(comment.Text)}");
        return comment;
    }

    private static string Target(Article article) => $"article “{article.Title}” ({article.Slug})";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

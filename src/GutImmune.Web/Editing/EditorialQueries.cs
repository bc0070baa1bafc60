using GutImmune.Web.LinkChecking;
using System.Linq.Expressions;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>Read-only lists for the admin area: articles by workflow state, reviews coming due, recent changes.</summary>
public sealed class EditorialQueries(GutImmuneDbContext db, TimeProvider clock, LinkCheckReport linkChecks, Publishing.ArticleWorkflow workflow)
{
    public const int PageSize = 25;
    /// <summary>How far ahead "due for review soon" looks.</summary>
    public static readonly TimeSpan ReviewHorizon = TimeSpan.FromDays(60);

    public sealed record ArticleRow(int Id, string Title, string Slug, ArticleStatus Status, DateTime? PublishedAt, DateTime UpdatedAt,
        DateOnly? LastReviewedOn, DateOnly? NextReviewDue, int Version, string? ReviewOverrideReason);

    public sealed record RecentChange(int ArticleId, string ArticleTitle, int Version, DateTime At, string Author, string Description);

    /// <summary>
    /// The editors' overview. <paramref name="PublishedWithoutReview"/> and <paramref name="ReviewDue"/> are chosen by what
    /// readers see (the reader edition's review), not by the working copy: a live article published by an Admin's
    /// override stays listed until a reviewed version of it is published, and edits waiting in a working copy do not make
    /// a reviewed article look unreviewed. <paramref name="Approved"/> are those the person may publish: approved articles,
    /// and live ones whose working copy shows a review readers do not see yet (<paramref name="ReviewWaiting"/>: a sign-off
    /// through a review link of what they read waits for "Publish the review"); <paramref name="AwaitingAnotherEditor"/>,
    /// those signed off only through review links they made, which another Editor or an Admin publishes.
    /// </summary>
    public sealed record Dashboard(IReadOnlyList<WaitingItem> WaitingForYou, IReadOnlyList<ArticleRow> PublishedWithoutReview, IReadOnlyList<ArticleRow> Drafts,
        IReadOnlyList<ArticleRow> ChangesRequested, IReadOnlyList<ArticleRow> InReview, IReadOnlyList<ArticleRow> Approved, IReadOnlyList<ArticleRow> AwaitingAnotherEditor,
        IReadOnlyList<ArticleRow> Scheduled, IReadOnlyList<ArticleRow> ReviewDue, IReadOnlyList<RecentChange> RecentChanges, DateOnly Today,
        LinkCheckReport.BrokenLinks BrokenLinks, IReadOnlySet<int> ReviewWaiting);

    /// <summary>The signed-in person the dashboard is for: their account, and which of the staff roles' work is theirs.</summary>
    public sealed record StaffMember(string Account, bool Reviews, bool Edits, bool Administers);

    /// <summary>Where a person acts on an article waiting for them.</summary>
    public enum WaitingPlace { ArticlePage, ReviewComments }

    public sealed record WaitingItem(int ArticleId, string Title, string Why, WaitingPlace Where);

    public async Task<Dashboard> GetDashboardAsync(StaffMember person, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var soon = DateOnly.FromDateTime(now + ReviewHorizon);
        var articles = db.Articles.AsNoTracking();
        var publishedWithoutReview = await ByReaderEdition(e => e.LastReviewedOn == null, e => e.PublishedAt).ToListAsync(cancellationToken);
        var approved = await Rows(articles.Where(a => a.Status == ArticleStatus.Approved).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken);
        // Out of review, a live article's working copy differs in its review from what readers see only by a sign-off not yet
        // published (through a review link; or of changes, signed off without being submitted).
        var reviewWaiting = await Rows(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now
                && db.ReaderEditions.Any(e => e.ArticleId == a.Id
                    && (e.ReviewedBy != a.ReviewedBy || e.LastReviewedOn != a.LastReviewedOn || e.NextReviewDue != a.NextReviewDue)))
            .OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken);
        var toPublish = await workflow.ReviewsToPublishAsync([.. approved.Select(a => a.Id), .. reviewWaiting.Select(a => a.Id)], person.Account, cancellationToken);
        bool ByAnother(ArticleRow row) => toPublish.GetValueOrDefault(row.Id)?.ByAnotherEditor == true;
        reviewWaiting = [.. reviewWaiting.Where(row => toPublish.GetValueOrDefault(row.Id) is { MayPublish: true } or { ByAnotherEditor: true })];
        return new Dashboard(
            await WaitingForAsync(person, publishedWithoutReview, reviewWaiting.ToDictionary(row => row.Id, row => toPublish[row.Id]), cancellationToken),
            publishedWithoutReview,
            await Rows(articles.Where(a => a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.ChangesRequested).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.InReview).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            [.. approved.Concat(reviewWaiting).Where(a => !ByAnother(a)).OrderByDescending(a => a.UpdatedAt)],
            [.. approved.Concat(reviewWaiting).Where(ByAnother).OrderByDescending(a => a.UpdatedAt)],
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now).OrderBy(a => a.PublishedAt)).ToListAsync(cancellationToken),
            await ByReaderEdition(e => e.NextReviewDue == null || e.NextReviewDue <= soon, e => e.NextReviewDue).ToListAsync(cancellationToken),
            await db.Revisions.AsNoTracking().OrderByDescending(r => r.Id).Take(15)
                .Join(db.Articles, r => r.ArticleId, a => a.Id, (r, a) => new RecentChange(a.Id, a.Title, r.Version, r.CreatedAt, r.Author, r.Description))
                .ToListAsync(cancellationToken),
            today,
            await linkChecks.BrokenAsync(PageSize, cancellationToken),
            reviewWaiting.Select(row => row.Id).ToHashSet());
    }

    /// <summary>
    /// What waits for <paramref name="person"/>: for Reviewers, articles in review; for Editors, articles sent back with
    /// changes requested and open review threads on articles they edited; for Admins, all of it and the articles readers
    /// see without a medical review (saying when a review of one waits to be published: <paramref name="reviewWaiting"/>).
    /// </summary>
    private async Task<IReadOnlyList<WaitingItem>> WaitingForAsync(StaffMember person, IReadOnlyList<ArticleRow> publishedWithoutReview,
        IReadOnlyDictionary<int, Publishing.ArticleWorkflow.ReviewToPublish> reviewWaiting, CancellationToken cancellationToken)
    {
        var openThreads = await db.ReviewComments.AsNoTracking().Where(c => c.ThreadId == null && c.ResolvedAt == null)
            .GroupBy(c => c.ArticleId).Select(g => new { ArticleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ArticleId, g => g.Count, cancellationToken);
        static string Threads(int count) => count == 1 ? "1 open comment thread" : $"{count} open comment threads";
        var waiting = new List<WaitingItem>();
        if (person.Administers)
            waiting.AddRange(publishedWithoutReview.Select(a => new WaitingItem(a.Id, a.Title, reviewWaiting.GetValueOrDefault(a.Id) switch
            {
                null => "published without a medical review: a Reviewer signs it off",
                { ByAnotherEditor: true } => "published without a medical review; a review signed off through a review link you made waits: another Editor or an Admin publishes it",
                var review => $"published without a medical review; a review signed off since{(review.ThroughReviewLink ? " through a review link" : "")} waits: publish it",
            }, WaitingPlace.ArticlePage)));
        if (person.Reviews)
            waiting.AddRange((await Rows(db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.InReview).OrderBy(a => a.UpdatedAt)).ToListAsync(cancellationToken))
                .Select(a => new WaitingItem(a.Id, a.Title, "in review: read and comment, then request changes or sign off", WaitingPlace.ReviewComments)));
        if (person.Edits)
        {
            var changesRequested = await Rows(db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.ChangesRequested).OrderBy(a => a.UpdatedAt))
                .ToListAsync(cancellationToken);
            waiting.AddRange(changesRequested.Select(a => new WaitingItem(a.Id, a.Title,
                $"changes requested, {Threads(openThreads.GetValueOrDefault(a.Id))}: revise it and submit it again", WaitingPlace.ArticlePage)));
            var edited = db.Revisions.Where(r => r.Author == person.Account).Select(r => r.ArticleId);
            var withThreads = openThreads.Keys.Except(changesRequested.Select(a => a.Id)).ToList();
            waiting.AddRange((await Rows(db.Articles.AsNoTracking().Where(a => withThreads.Contains(a.Id) && edited.Contains(a.Id)).OrderBy(a => a.Title))
                    .ToListAsync(cancellationToken))
                .Select(a => new WaitingItem(a.Id, a.Title, $"{Threads(openThreads[a.Id])} on an article you edited", WaitingPlace.ReviewComments)));
        }
        return waiting;
    }

    /// <summary>Which articles the list shows: <see cref="Text"/> found in the title or slug (any case), in one state, one page of them.</summary>
    public sealed record ArticleFilter(string? Text = null, ArticleStatus? Status = null, int Page = 1);

    /// <summary>One page of the article list, most recently updated first, narrowed by <paramref name="filter"/>.</summary>
    public async Task<(IReadOnlyList<ArticleRow> Rows, bool HasNextPage)> ListArticlesAsync(ArticleFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize); // the offset must not overflow
        var articles = db.Articles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            articles = articles.Where(a => a.Title.ToLower().Contains(text) || a.Slug.Contains(text));
        }
        if (filter.Status is { } status)
            articles = articles.Where(a => a.Status == status);
        var rows = await Rows(articles.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Skip((page - 1) * PageSize), PageSize + 1)
            .ToListAsync(cancellationToken);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>Published or scheduled articles whose reader edition matches <paramref name="which"/>, with the edition's dates and review.</summary>
    private IQueryable<ArticleRow> ByReaderEdition<TKey>(Expression<Func<ReaderEdition, bool>> which, Expression<Func<ReaderEdition, TKey>> order) =>
        db.ReaderEditions.AsNoTracking().Where(which).OrderBy(order).Take(PageSize)
            .Join(db.Articles, e => e.ArticleId, a => a.Id, (e, a) => new ArticleRow(a.Id, a.Title, a.Slug, a.Status, e.PublishedAt, a.UpdatedAt,
                e.LastReviewedOn, e.NextReviewDue, a.Version, a.ReviewOverrideReason));

    private static IQueryable<ArticleRow> Rows(IQueryable<Article> articles, int take = PageSize) => articles.Take(take)
        .Select(a => new ArticleRow(a.Id, a.Title, a.Slug, a.Status, a.PublishedAt, a.UpdatedAt, a.LastReviewedOn, a.NextReviewDue, a.Version, a.ReviewOverrideReason));
}

using System.Linq.Expressions;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>Read-only lists for the admin area: articles by workflow state, reviews coming due, recent changes.</summary>
public sealed class EditorialQueries(GutImmuneDbContext db, TimeProvider clock)
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
    /// a reviewed article look unreviewed.
    /// </summary>
    public sealed record Dashboard(IReadOnlyList<ArticleRow> PublishedWithoutReview, IReadOnlyList<ArticleRow> Drafts,
        IReadOnlyList<ArticleRow> ChangesRequested, IReadOnlyList<ArticleRow> InReview, IReadOnlyList<ArticleRow> Approved,
        IReadOnlyList<ArticleRow> Scheduled, IReadOnlyList<ArticleRow> ReviewDue, IReadOnlyList<RecentChange> RecentChanges, DateOnly Today);

    public async Task<Dashboard> GetDashboardAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var soon = DateOnly.FromDateTime(now + ReviewHorizon);
        var articles = db.Articles.AsNoTracking();
        return new Dashboard(
            await ByReaderEdition(e => e.LastReviewedOn == null, e => e.PublishedAt).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.ChangesRequested).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.InReview).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Approved).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now).OrderBy(a => a.PublishedAt)).ToListAsync(cancellationToken),
            await ByReaderEdition(e => e.NextReviewDue == null || e.NextReviewDue <= soon, e => e.NextReviewDue).ToListAsync(cancellationToken),
            await db.Revisions.AsNoTracking().OrderByDescending(r => r.Id).Take(15)
                .Join(db.Articles, r => r.ArticleId, a => a.Id, (r, a) => new RecentChange(a.Id, a.Title, r.Version, r.CreatedAt, r.Author, r.Description))
                .ToListAsync(cancellationToken),
            today);
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

using GutImmune.Web.Content;
using GutImmune.Web.Data;
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
    /// The editors' overview; <paramref name="PublishedWithoutReview"/> are live (or scheduled) by an Admin's override and
    /// stay listed until a Reviewer signs off their review.
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
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published && a.ReviewOverrideReason != null).OrderBy(a => a.PublishedAt))
                .ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Draft).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.ChangesRequested).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.InReview).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Approved).OrderByDescending(a => a.UpdatedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now).OrderBy(a => a.PublishedAt)).ToListAsync(cancellationToken),
            await Rows(articles.Where(a => a.Status == ArticleStatus.Published && (a.NextReviewDue == null || a.NextReviewDue <= soon))
                .OrderBy(a => a.NextReviewDue)).ToListAsync(cancellationToken),
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

    private static IQueryable<ArticleRow> Rows(IQueryable<Article> articles, int take = PageSize) => articles.Take(take)
        .Select(a => new ArticleRow(a.Id, a.Title, a.Slug, a.Status, a.PublishedAt, a.UpdatedAt, a.LastReviewedOn, a.NextReviewDue, a.Version, a.ReviewOverrideReason));
}

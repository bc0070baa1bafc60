using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Publishing;

/// <summary>
/// A medical review signed off for exactly one content of an article (<see cref="ContentFingerprint"/>): who signed it
/// (the account's display name and sign-in name, or the name and credentials given through a review link), when, and
/// when the next review is due.
/// </summary>
public class ReviewSignOff
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article version the reviewer read and signed off.</summary>
    public int ArticleVersion { get; set; }
    public required string ContentFingerprint { get; set; }
    /// <summary>The reviewer's name as readers see it.</summary>
    public required string ReviewerName { get; set; }
    /// <summary>The account that signed it off, or "via review link" for a clinician without one.</summary>
    public required string ReviewerAccount { get; set; }
    /// <summary>The credentials a clinician signing through a review link gave ("MD, gastroenterologist").</summary>
    public string? ReviewerCredentials { get; set; }
    /// <summary>The review link it was signed off through, if any.</summary>
    public int? ReviewLinkId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public DateOnly NextReviewDue { get; set; }
    public DateTime SignedAt { get; set; }

    /// <summary>What readers see of the review: this sign-off, of the content they read. It ends a publication without review.</summary>
    public void ShowOn(Article article)
    {
        article.ReviewedBy = ShownName;
        article.LastReviewedOn = ReviewedOn;
        article.NextReviewDue = NextReviewDue;
        article.ReviewOverrideReason = null;
    }

    /// <summary>Whether <paramref name="article"/> shows this review (as <see cref="ShowOn"/> leaves it).</summary>
    public bool IsShownOn(Article article) =>
        (article.ReviewedBy, article.LastReviewedOn, article.NextReviewDue) == (ShownName, ReviewedOn, NextReviewDue);

    /// <summary>The reviewer as readers see them: the name, and the credentials given through a review link.</summary>
    public string ShownName => ReviewerCredentials is null ? ReviewerName : $"{ReviewerName}, {ReviewerCredentials}";

    /// <summary>
    /// The sign-offs that stand. A sign-off followed by a request for changes does not: the Reviewer took it back, and
    /// resolving their threads (which an Editor may do) or restoring the content it signed off must not bring it back;
    /// only a new sign-off does. Every decision on sign-offs (publishing, approving again, restoring, the pages) reads
    /// them here.
    /// </summary>
    public static IQueryable<ReviewSignOff> Standing(GutImmuneDbContext db) =>
        db.ReviewSignOffs.AsNoTracking().Where(s => !db.Revisions.Any(r =>
            r.ArticleId == s.ArticleId && r.Version > s.ArticleVersion && r.Status == ArticleStatus.ChangesRequested));

    /// <summary>An article's standing sign-offs by the content they sign off, the latest for each.</summary>
    public static async Task<Dictionary<string, ReviewSignOff>> ByContentAsync(GutImmuneDbContext db, int articleId, CancellationToken cancellationToken) =>
        (await Standing(db).Where(s => s.ArticleId == articleId).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .GroupBy(s => s.ContentFingerprint).ToDictionary(g => g.Key, g => g.Last());
}

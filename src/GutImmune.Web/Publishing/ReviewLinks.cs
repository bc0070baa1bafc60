using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Publishing;

/// <summary>The `Review` configuration section: review links for clinicians without an account.</summary>
public sealed class ReviewLinkOptions
{
    public const string Section = "Review";

    /// <summary>Days a review link works after it is made.</summary>
    [Range(1, 365)]
    public int LinkLifetimeDays { get; set; } = 14;

    /// <summary>Requests to review links allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int LinkRequestsPerMinute { get; set; } = 30;
}

/// <summary>What opening a review link's token finds.</summary>
public abstract record ReviewLinkVisit
{
    /// <summary>No link has this token (it never existed, or its article was deleted).</summary>
    public sealed record Unknown : ReviewLinkVisit;

    /// <summary>The link exists but no longer works: it expired or was revoked.</summary>
    public sealed record Closed(ReviewLinkState State) : ReviewLinkVisit;

    /// <summary>
    /// The link works: its article's working copy as it is now, with its content fingerprint; whether that content changed
    /// since the link was made; the latest sign-off of this content (through this link or any other way), if any; whether
    /// readers see the article (<paramref name="Live"/>) and since when they see this very content with its review (<paramref name="PublishedAt"/>).
    /// </summary>
    public sealed record Open(ReviewLink Link, Article WorkingCopy, string Fingerprint, bool ChangedSinceLinkMade, ReviewSignOff? SignedOff, bool Live,
        DateTime? PublishedAt) : ReviewLinkVisit;
}

/// <summary>
/// Review links: made and revoked by Editors on the article's page (audited), opened by their token alone. A token reaches
/// only its own article's working copy and its sign-off; nothing else of the site takes it.
/// </summary>
public sealed class ReviewLinks(GutImmuneDbContext db, AuditLog audit, CurrentEditor editor, TimeProvider clock, IOptions<ReviewLinkOptions> options,
    EditionPublisher editions)
{
    public const string RateLimit = "review-link";

    /// <summary>A link's pages are for one clinician: never indexed or stored, and the token never sent on as a referrer.</summary>
    public static void KeepPrivate(HttpResponse response)
    {
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    /// <summary>The name and credentials a clinician gives, together within what readers' "reviewed by" holds.</summary>
    public const int NameLength = 100;
    public const int CredentialsLength = ContentLimits.Name - NameLength - 2;

    /// <summary>A link as the article's page lists it (never its token, which is not kept).</summary>
    public sealed record Listed(int Id, string CreatedBy, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, string? RevokedBy,
        DateTime? LastUsedAt, ReviewLinkState State);

    public async Task<IReadOnlyList<Listed>> ListAsync(int articleId, CancellationToken cancellationToken)
    {
        var links = await db.ReviewLinks.AsNoTracking().Where(l => l.ArticleId == articleId).OrderByDescending(l => l.Id).ToListAsync(cancellationToken);
        return links.Select(l => new Listed(l.Id, l.CreatedBy, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.RevokedBy, l.LastUsedAt, l.StateAt(Now))).ToList();
    }

    /// <summary>Makes a link to the article's working copy; returns it with its token (shown once), or null when there is no such article.</summary>
    public async Task<(ReviewLink Link, string Token)?> CreateAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().WithContent().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
            return null;
        var token = ReviewLink.NewToken();
        var link = new ReviewLink
        {
            ArticleId = articleId, TokenHash = ReviewLink.Hash(token), ContentFingerprint = await ContentFingerprint.OfAsync(db, article, cancellationToken), CreatedBy = editor.Name,
            CreatedAt = Now, ExpiresAt = Now.AddDays(options.Value.LinkLifetimeDays),
        };
        db.ReviewLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(AuditLog.Actions.ReviewLinkCreated, $"article “{article.Title}” ({article.Slug})", $"link {link.Id}, expires {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync(cancellationToken);
        return (link, token);
    }

    /// <summary>Revokes the article's link <paramref name="linkId"/> (a revoked one stays as it is); false when the article has no such link.</summary>
    public async Task<bool> RevokeAsync(int articleId, int linkId, CancellationToken cancellationToken)
    {
        var link = await db.ReviewLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.ArticleId == articleId, cancellationToken);
        if (link is null)
            return false;
        if (link.RevokedAt is not null)
            return true;
        link.RevokedAt = Now;
        link.RevokedBy = editor.Name;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.Title, a.Slug }).SingleAsync(cancellationToken);
        audit.Add(AuditLog.Actions.ReviewLinkRevoked, $"article “{article.Title}” ({article.Slug})", $"link {link.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>What <paramref name="token"/> opens; an open link is marked as used now.</summary>
    public async Task<ReviewLinkVisit> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        // Model binding reads a token of white space as none.
        if (string.IsNullOrWhiteSpace(token))
            return new ReviewLinkVisit.Unknown();
        var hash = ReviewLink.Hash(token);
        var link = await db.ReviewLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
            return new ReviewLinkVisit.Unknown();
        if (link.StateAt(Now) is not ReviewLinkState.Open and var state)
            return new ReviewLinkVisit.Closed(state);
        var article = await db.Articles.AsNoTracking().WithContent().SingleOrDefaultAsync(a => a.Id == link.ArticleId, cancellationToken);
        if (article is null)
            return new ReviewLinkVisit.Unknown();
        link.LastUsedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(link).State = EntityState.Detached;
        var pictures = await ContentFingerprint.PicturesAsync(db, article, cancellationToken);
        var fingerprint = ContentFingerprint.Of(article, pictures);
        var signedOff = await ReviewSignOff.Standing(db)
            .Where(s => s.ArticleId == article.Id && s.ContentFingerprint == fingerprint).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        var live = await editions.LiveContentAsync(article.Id, cancellationToken);
        // Readers see this content with the review the working copy shows, unless that review (signed off through a link)
        // waits to be published.
        var publishedAt = live is var (content, _) && ContentFingerprint.Of(content, pictures) == fingerprint
            && (content.LastReviewedOn, content.ReviewedBy) == (article.LastReviewedOn, article.ReviewedBy)
            ? await db.ReaderEditions.Where(e => e.ArticleId == article.Id).Select(e => e.UpdatedAt > e.PublishedAt ? e.UpdatedAt : e.PublishedAt).SingleAsync(cancellationToken)
            : (DateTime?)null;
        return new ReviewLinkVisit.Open(link, article, fingerprint, fingerprint != link.ContentFingerprint, signedOff, live is not null, publishedAt);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

public static class ReviewLinkServiceCollectionExtensions
{
    /// <summary>Review links, their lifetime (`Review` section) and the limit on requests to them per client address.</summary>
    public static IServiceCollection AddReviewLinks(this IServiceCollection services)
    {
        services.AddOptions<ReviewLinkOptions>().BindConfiguration(ReviewLinkOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ReviewLinkRequestLimit>(ReviewLinks.RateLimit));
        services.AddScoped<ReviewLinks>();
        services.AddScoped<WorkingCopyPreview>();
        return services;
    }
}

/// <summary>
/// Requests to review links per client network a minute (`Review:LinkRequestsPerMinute`). A refusal is a review-link
/// page too: kept out of indexes, caches and referrers, and it says when to try again.
/// </summary>
public sealed class ReviewLinkRequestLimit(IOptions<ReviewLinkOptions> options) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        ClientNetwork.Of(httpContext.Connection.RemoteIpAddress),
        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.LinkRequestsPerMinute, Window = TimeSpan.FromMinutes(1) });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) =>
    {
        var response = rejected.HttpContext.Response;
        ReviewLinks.KeepPrivate(response);
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };
}

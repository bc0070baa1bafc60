using System.Security.Cryptography;
using System.Text;

namespace GutImmune.Web.Publishing;

/// <summary>Where a review link stands: usable, or why not.</summary>
public enum ReviewLinkState
{
    Open,
    Expired,
    Revoked,
}

/// <summary>
/// A link an Editor gives an outside clinician who has no account: it opens one article's working copy for reading and
/// signing off, until it expires or is revoked. Only the SHA-256 of its token is stored, so the database cannot hand
/// out working links; the token itself is shown once, when the link is made.
/// </summary>
public class ReviewLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>SHA-256 of the token, lowercase hex.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The working copy's content when the link was made: a later change makes the link's copy stale.</summary>
    public required string ContentFingerprint { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }

    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public ReviewLinkState StateAt(DateTime utcNow) =>
        RevokedAt is not null ? ReviewLinkState.Revoked : ExpiresAt <= utcNow ? ReviewLinkState.Expired : ReviewLinkState.Open;
}

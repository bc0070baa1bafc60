namespace GutImmune.Web.Webhooks;

/// <summary>
/// An HTTPS address an Admin registered to be told when articles are published, updated or withdrawn. Its signing
/// secret is kept encrypted with the site's data-protection key ring (shared by every instance), since the site must
/// read it back to sign each event.
/// </summary>
public class WebhookEndpoint
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    /// <summary>The signing secret (<see cref="WebhookSignature.NewSecret"/>), protected by <see cref="WebhookSecrets"/>.</summary>
    public required string ProtectedSecret { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}

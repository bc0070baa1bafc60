using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Webhooks;

/// <summary>The `Webhooks` section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints on loopback, private and link-local addresses, and plain http, be registered and sent to: for a
    /// receiver on the same machine in development and tests only (server-side request forgery otherwise).
    /// </summary>
    public bool AllowNonPublicAddresses { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each instance looks for deliveries that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}

using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.LinkChecking;

/// <summary>The <c>LinkCheck</c> settings (README, Configuration).</summary>
public sealed class LinkCheckOptions
{
    public const string Section = "LinkCheck";

    /// <summary>Unless configured: on in Production, off elsewhere (Development, the tests' Testing).</summary>
    public bool Enabled { get; set; }

    /// <summary>How old a check may get before the address is checked again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the service looks for addresses that are due (new references, or checks older than <see cref="Interval"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one request may take, answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    [Range(1, 100)]
    public int MaxRequestsPerHost { get; set; } = 2;

    /// <summary>Lets the checker reach loopback and private addresses: for tests only (server-side request forgery).</summary>
    public bool AllowNonPublicAddresses { get; set; }
}

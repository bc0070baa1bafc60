namespace GutImmune.Web.LinkChecking;

/// <summary>The <c>LinkCheck</c> settings (README, Configuration).</summary>
public sealed class LinkCheckOptions
{
    public const string Section = "LinkCheck";

    /// <summary>Unless configured: on in Production, off elsewhere (Development, the tests' Testing).</summary>
    public bool Enabled { get; set; }

    /// <summary>How old a check may get before the address is checked again.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the service looks for addresses that are due (new references, or checks older than <see cref="Interval"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one request may take, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; set; } = 5;

    public int MaxRequestsPerHost { get; set; } = 2;

    /// <summary>Lets the checker reach loopback and private addresses: for tests only (server-side request forgery).</summary>
    public bool AllowNonPublicAddresses { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Caching;

/// <summary>
/// The `Cdn` section: how long a shared cache (a CDN in front of the site) may keep anonymous reader pages, and where
/// to tell it to drop pages when an article is saved.
/// </summary>
public sealed class CdnOptions
{
    public const string Section = "Cdn";

    /// <summary>How long a shared cache may serve a page without asking the site (`s-maxage`).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SharedMaxAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long past that it may serve the old page while it fetches the new one (`stale-while-revalidate`).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long it may serve the old page while the site answers with errors or not at all (`stale-if-error`).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan StaleIfError { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The CDN's purge endpoint, called with the tags of what a save changed; unset: no purge.</summary>
    public Uri? PurgeUrl { get; set; }

    /// <summary>The header that carries <see cref="PurgeAuthorization"/>, e.g. `Authorization` or `Fastly-Key`.</summary>
    [Required]
    public string PurgeAuthorizationHeader { get; set; } = "Authorization";

    /// <summary>The purge endpoint's credential, e.g. `Bearer ...`; unset: none is sent.</summary>
    public string? PurgeAuthorization { get; set; }

    /// <summary>How long a save waits for the purge endpoint before it logs the failure and carries on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PurgeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The Cache-Control of a public reader response. `max-age=0`: browsers ask again each time (a 304 when the ETag
    /// matches), so a reader sees a save at once; only the shared cache keeps the page, and it is purged on a save.
    /// </summary>
    public string PublicCacheControl => field ??=
        $"public, max-age=0, s-maxage={Seconds(SharedMaxAge)}, stale-while-revalidate={Seconds(StaleWhileRevalidate)}, stale-if-error={Seconds(StaleIfError)}";

    internal bool HasValidPurgeUrl => PurgeUrl is null || PurgeUrl.IsAbsoluteUri && (PurgeUrl.Scheme == Uri.UriSchemeHttps || PurgeUrl.Scheme == Uri.UriSchemeHttp);

    private static long Seconds(TimeSpan span) => (long)span.TotalSeconds;
}

using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using GutImmune.Web.Accounts;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Caching;

/// <summary>
/// Renders per client network per minute of pages the output cache did not have (`ReaderCache:UncachedRendersPerMinute`):
/// a client inventing query values or addresses (`?q=random`, `?page=98765`, unknown slugs) costs the site at most that
/// many renders a minute. A refusal must cost far less than the render it saves, since such a client asks again at
/// once: it is a short text with `Retry-After`, not the site's error page (which status code pages would render for
/// every refusal), and it writes no request log line; one warning a minute counts the refusals instead.
/// </summary>
public sealed class UncachedRenderLimit : IDisposable
{
    private static readonly byte[] Refusal = Encoding.UTF8.GetBytes(
        "Too many pages that are not cached were asked for from your network in the last minute. Please try again in a minute.\n");

    private readonly IOptions<ReaderCacheOptions> _options;
    private readonly RefusalWarnings _warnings;

    public UncachedRenderLimit(IOptions<ReaderCacheOptions> options, TimeProvider clock, ILogger<UncachedRenderLimit> logger, IHostApplicationLifetime lifetime)
    {
        _options = options;
        _warnings = new RefusalWarnings(clock, lifetime, refused => logger.LogWarning(
            "Refused {Refused} requests for pages not in the output cache since the last such warning: clients over " +
            "ReaderCache:UncachedRendersPerMinute ({Limit}). Refusals are not logged one by one.", refused, options.Value.UncachedRendersPerMinute));
    }

    /// <summary>The rate limiter of the renders, or null when the limit is off (0).</summary>
    public RateLimiterOptions? RateLimiterOptions => _options.Value.UncachedRendersPerMinute <= 0 ? null : new RateLimiterOptions
    {
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            ClientNetwork.Of(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _options.Value.UncachedRendersPerMinute, Window = TimeSpan.FromMinutes(1) })),
        OnRejected = RefuseAsync,
    };

    private ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            statusCodePages.Enabled = false;
        SiteLogging.OmitRequestEvent(context);
        _warnings.Count();
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = Refusal.Length;
        return context.Response.Body.WriteAsync(Refusal, cancellationToken);
    }

    public void Dispose() => _warnings.Dispose();
}

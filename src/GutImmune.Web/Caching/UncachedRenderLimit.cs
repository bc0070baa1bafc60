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
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private static readonly byte[] Refusal = Encoding.UTF8.GetBytes(
        "Too many pages that are not cached were asked for from your network in the last minute. Please try again in a minute.\n");

    private readonly IOptions<ReaderCacheOptions> _options;
    private readonly ILogger<UncachedRenderLimit> _logger;
    private readonly ITimer _minuteEnd;
    private readonly Lock _warning = new();
    private long _refusedSinceWarning;
    /// <summary>1 from a warning until the end of its minute (<see cref="_minuteEnd"/>): refusals meanwhile are only counted.</summary>
    private int _minuteStarted;

    public UncachedRenderLimit(IOptions<ReaderCacheOptions> options, TimeProvider clock, ILogger<UncachedRenderLimit> logger, IHostApplicationLifetime lifetime)
    {
        _options = options;
        _logger = logger;
        _minuteEnd = clock.CreateTimer(_ => EndMinute(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // After the server's graceful stop, so that the refusals of its last requests are counted too.
        lifetime.ApplicationStopped.Register(WarnOfRemainder);
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
        CountRefusal();
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = Refusal.Length;
        return context.Response.Body.WriteAsync(Refusal, cancellationToken);
    }

    /// <summary>
    /// Warns at once of a refusal after a minute without any, then at the end of each minute with the refusals of that
    /// minute: at most one warning a minute, and none left untold when the refusals stop.
    /// </summary>
    private void CountRefusal()
    {
        Interlocked.Increment(ref _refusedSinceWarning);
        if (Volatile.Read(ref _minuteStarted) == 0)
            StartMinute();
    }

    private void StartMinute()
    {
        lock (_warning)
        {
            if (_minuteStarted == 1)
                return;
            Volatile.Write(ref _minuteStarted, 1);
            Warn();
            _minuteEnd.Change(WarningInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndMinute()
    {
        lock (_warning)
        {
            if (Warn())
            {
                _minuteEnd.Change(WarningInterval, Timeout.InfiniteTimeSpan);
                return;
            }
            Volatile.Write(ref _minuteStarted, 0);
        }
        // A refusal counted after the warning's count but before the minute ended saw it started: it starts the next one.
        if (Interlocked.Read(ref _refusedSinceWarning) > 0)
            StartMinute();
    }

    private void WarnOfRemainder()
    {
        lock (_warning)
            Warn();
    }

    /// <summary>Warns of the refusals since the last warning, if any.</summary>
    private bool Warn()
    {
        var refused = Interlocked.Exchange(ref _refusedSinceWarning, 0);
        if (refused == 0)
            return false;
        _logger.LogWarning("Refused {Refused} requests for pages not in the output cache since the last such warning: clients over " +
            "ReaderCache:UncachedRendersPerMinute ({Limit}). Refusals are not logged one by one.", refused, _options.Value.UncachedRendersPerMinute);
        return true;
    }

    public void Dispose() => _minuteEnd.Dispose();
}

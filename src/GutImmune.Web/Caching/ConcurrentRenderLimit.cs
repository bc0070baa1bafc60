using System.Globalization;
using System.Threading.RateLimiting;
using GutImmune.Web.Operations;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Caching;

/// <summary>
/// Renders in progress at once, for the whole site, of what the output cache did not answer (reader pages, search, the
/// content API; `ReaderCache:UncachedRendersAtOnce`), with a short queue behind them; beyond it 503 with `Retry-After`
/// and the error page saying the site is busy. Many clients, each under its own <see cref="UncachedRenderLimit"/>,
/// could otherwise take every processor and thread and slow the pages the cache answers for everyone; those never reach
/// this limit. Refusals are counted in one warning a minute, not logged one by one. Not the framework's rate limiting
/// middleware: that one also applies an endpoint's own policy, which the content API's endpoints name and only the
/// site's first rate limiter holds.
/// </summary>
public sealed class ConcurrentRenderLimit : IDisposable
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Renders that may wait for one in progress to end, per render allowed at once.</summary>
    public const int QueuedPerRender = 8;

    private static readonly object RefusedMark = new();

    /// <summary>Null when the limit is off (0).</summary>
    private readonly ConcurrencyLimiter? _renders;
    private readonly RefusalWarnings _warnings;

    public ConcurrentRenderLimit(IOptions<ReaderCacheOptions> options, TimeProvider clock, ILogger<ConcurrentRenderLimit> logger, IHostApplicationLifetime lifetime)
    {
        var atOnce = options.Value.UncachedRendersAtOnce;
        _renders = atOnce <= 0 ? null : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = atOnce,
            QueueLimit = atOnce * QueuedPerRender,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _warnings = new RefusalWarnings(clock, lifetime, refused => logger.LogWarning(
            "Refused {Refused} requests for pages not in the output cache since the last such warning: the site was rendering " +
            "ReaderCache:UncachedRendersAtOnce ({Limit}) with as many as it queues waiting. Refusals are not logged one by one.",
            refused, atOnce));
    }

    public bool IsOn => _renders is not null;

    /// <summary>Whether the request was refused by this limit (asked by the error page it is re-executed to).</summary>
    public static bool Refused(HttpContext context) => context.Items.ContainsKey(RefusedMark);

    /// <summary>Renders the request when its turn comes; refuses it when too many are waiting already.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // A client that goes away while waiting ends its wait (OperationCanceledException, ended as 499 by AbortedRequests).
        using var render = await _renders!.AcquireAsync(1, context.RequestAborted);
        if (render.IsAcquired)
        {
            await next(context);
            return;
        }
        // The site's error page is re-executed for it (ErrorController): it says the site is busy, or problem details.
        context.Items[RefusedMark] = true;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        SiteLogging.OmitRequestEvent(context);
        _warnings.Count();
    }

    public void Dispose()
    {
        _renders?.Dispose();
        _warnings.Dispose();
    }
}

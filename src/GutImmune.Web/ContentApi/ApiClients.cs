using System.Globalization;
using System.Threading.RateLimiting;
using GutImmune.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.ContentApi;

/// <summary>Who is calling the API: the key they sent (its id), or nobody (anonymous, limited per client network).</summary>
public sealed record ApiClient(int? KeyId);

/// <summary>
/// Recognises the <c>X-Api-Key</c> of an API request before the rate limiter partitions by it. A key that is not one
/// (unknown, revoked) is refused with 401 rather than served as anonymous, so a client learns its key stopped working.
/// </summary>
public sealed class ApiKeyRecognition(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) => ContentApiEndpoints.IsApiRequest(context) ? RecognizeAsync(context) : next(context);

    private async Task RecognizeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[ContentApiEndpoints.ApiKeyHeader];
        int? keyId = null;
        if (sent.Count > 0)
        {
            // Asked for here, not as InvokeAsync's parameter: that would rent a DbContext for every request of the site.
            var keys = context.RequestServices.GetRequiredService<ApiKeyStore>();
            keyId = sent.Count == 1 && sent[0] is { Length: > 0 } secret ? await keys.FindActiveAsync(secret, context.RequestAborted) : null;
            if (keyId is null)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown API key",
                    detail: $"The {ContentApiEndpoints.ApiKeyHeader} header holds no valid key: it may have been revoked. Send a current key, or none for the anonymous quota.")
                    .ExecuteAsync(context);
                return;
            }
        }
        context.Features.Set(new ApiClient(keyId));
        await next(context);
    }
}

/// <summary>
/// Requests per minute: <see cref="ContentApiOptions.KeyRequestsPerMinute"/> for each key, the smaller
/// <see cref="ContentApiOptions.AnonymousRequestsPerMinute"/> for each client network without one. Past it: 429 with
/// Retry-After and problem details. A token bucket holding a minute's requests, refilled evenly over the minute: unlike a
/// fixed window it knows when the next request will be let through, so Retry-After says exactly that (a fixed window's
/// lease only knows the window's length, and answered 60 whatever the time left).
/// </summary>
public sealed class ApiRateLimit(IOptions<ContentApiOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "ContentApi";

    public RateLimitPartition<string> GetPartition(HttpContext context)
    {
        var limits = options.Value;
        return context.Features.Get<ApiClient>()?.KeyId is { } keyId
            ? RateLimitPartition.GetTokenBucketLimiter($"key:{keyId}", _ => Bucket(limits.KeyRequestsPerMinute))
            : RateLimitPartition.GetTokenBucketLimiter($"anonymous:{ClientNetwork.Of(context.Connection.RemoteIpAddress)}", _ => Bucket(limits.AnonymousRequestsPerMinute));
    }

    /// <summary>
    /// <paramref name="perMinute"/> tokens, refilled in steps of at least a second (the partitioned limiter refills on a
    /// 100 ms timer, so shorter steps would be lost) that add up to <paramref name="perMinute"/> a minute exactly.
    /// </summary>
    public static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var tokensPerStep = (perMinute + 59) / 60;
        return new()
        {
            TokenLimit = perMinute, TokensPerPeriod = tokensPerStep, ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerStep / perMinute,
            QueueLimit = 0, AutoReplenishment = true,
        };
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, _) =>
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var who = context.Features.Get<ApiClient>()?.KeyId is null ? "without an API key" : "for this API key";
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"The limit of requests per minute {who} is reached. The next request is let through in {seconds} s.").ExecuteAsync(context);
    };
}

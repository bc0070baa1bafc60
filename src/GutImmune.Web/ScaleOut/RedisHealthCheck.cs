using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

/// <summary>
/// Whether Redis answers and has every cache eviction; registered as Degraded, never Unhealthy: Redis only
/// accelerates (pages are cached in memory meanwhile and the key ring is in the database), so the instance stays ready.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis, ResilientOutputCacheStore outputCache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan latency;
        try
        {
            // The ping takes no cancellation token: stop waiting when the health check's time is up.
            latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable: pages are cached in memory for a short time", e);
        }
        return outputCache.QueuedEvictions == 0
            ? HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms")
            : new HealthCheckResult(context.Registration.FailureStatus, $"{outputCache.QueuedEvictions} cache evictions wait to be sent to Redis");
    }
}

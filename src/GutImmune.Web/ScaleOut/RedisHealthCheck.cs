using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

/// <summary>/healthz fails while Redis is unreachable: the instance can neither serve cached pages nor read sign-in cookies.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable", e);
        }
    }
}

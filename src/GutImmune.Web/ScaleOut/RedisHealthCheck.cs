using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

/// <summary>Whether Redis answers; registered as Degraded, so an instance stays ready while Redis is away.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The ping takes no cancellation token: stop waiting when the health check's time is up.
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable", e);
        }
    }
}

using Microsoft.Extensions.Options;

namespace GutImmune.Web.ScaleOut;

/// <summary>
/// Sends the cache evictions that could not reach Redis as soon as it is back, even when no reader comes to this
/// instance: until then other instances would serve from Redis the pages those saves changed.
/// </summary>
public sealed class QueuedEvictionSender(ResilientOutputCacheStore store, IOptions<RedisOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await store.SendQueuedEvictionsAsync(stoppingToken);
    }
}

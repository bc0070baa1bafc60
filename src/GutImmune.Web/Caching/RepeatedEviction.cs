using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Caching;

/// <summary>
/// Evicts again, <see cref="ReaderCacheOptions.EvictAgainAfter"/> later, what a change evicted (<see cref="ReaderPageCache.EvictAsync"/>),
/// and has the CDN purge it again. A page whose rendering read the database before the change was committed and was
/// stored after the eviction would otherwise be kept as it was, for up to <see cref="ReaderPageCache.ArticleLifetime"/>:
/// the output cache stores a response when it is complete, and nothing orders that against another request's eviction.
/// </summary>
public sealed class RepeatedEviction(IOutputCacheStore store, IServiceScopeFactory scopes, IOptions<ReaderCacheOptions> options, TimeProvider clock,
    ILogger<RepeatedEviction> logger) : BackgroundService
{
    private readonly Channel<(DateTimeOffset Due, IReadOnlyList<string> Tags)> _evictions = Channel.CreateUnbounded<(DateTimeOffset, IReadOnlyList<string>)>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Evicts <paramref name="tags"/> again later (not at all when the setting is zero).</summary>
    public void Schedule(IReadOnlyList<string> tags)
    {
        if (options.Value.EvictAgainAfter > TimeSpan.Zero)
            _evictions.Writer.TryWrite((clock.GetUtcNow() + options.Value.EvictAgainAfter, tags));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (due, tags) in _evictions.Reader.ReadAllAsync(stoppingToken))
        {
            if (due - clock.GetUtcNow() is { Ticks: > 0 } wait)
                await Task.Delay(wait, clock, stoppingToken);
            try
            {
                foreach (var tag in tags)
                    await store.EvictByTagAsync(tag, stoppingToken);
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<CdnPurge>().PurgeAsync(tags);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not evict {Tags} again", string.Join(" ", tags));
            }
        }
    }
}

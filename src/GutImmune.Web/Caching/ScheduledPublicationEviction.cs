using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Caching;

/// <summary>
/// Nothing is saved when a scheduled article's time comes, so nothing would evict the pages it now joins (lists, and the
/// pages of articles sharing a topic, which the output cache keeps for <see cref="ReaderPageCache.ArticleLifetime"/>):
/// every <see cref="Interval"/> this evicts, and has the CDN purge, what publishing it then would have.
/// </summary>
public sealed class ScheduledPublicationEviction(IServiceScopeFactory scopes, DatabaseStartup startup, TimeProvider clock, ILogger<ScheduledPublicationEviction> logger)
    : DatabaseBackgroundService(startup)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteWhenReadyAsync(CancellationToken stoppingToken)
    {
        // A shared store (Redis) may hold pages stored before this process started, before publications due since.
        var since = clock.GetUtcNow().UtcDateTime - ReaderPageCache.ArticleLifetime;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                since = await EvictDueAsync(since, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not evict the pages of articles scheduled since {Since:u}; will try again", since);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Evicts the pages of the articles whose scheduled time is after <paramref name="since"/> and not after now; returns now.</summary>
    public async Task<DateTime> EvictDueAsync(DateTime since, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope();
        var due = await scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().ReaderEditions.AsNoTracking()
            .Where(e => e.PublishedAt > since && e.PublishedAt <= now)
            .Select(e => new { e.Slug, TopicIds = e.Topics.Select(t => t.Id).ToList() })
            .ToListAsync(cancellationToken);
        if (due.Count > 0)
            await scope.ServiceProvider.GetRequiredService<ReaderPageCache>()
                .EvictAsync(due.Select(d => d.Slug), due.SelectMany(d => d.TopicIds), cancellationToken);
        return now;
    }
}

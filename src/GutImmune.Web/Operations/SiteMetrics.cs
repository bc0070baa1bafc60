using System.Diagnostics.Metrics;
using GutImmune.Web.Editing;

namespace GutImmune.Web.Operations;

/// <summary>
/// The site's own instruments, on one Meter (<see cref="MeterName"/>). Their names are written here and nowhere else;
/// OpenTelemetry exports them over OTLP and on /metrics (where `gutimmune.article.saves` reads
/// `gutimmune_article_saves_total`).
/// </summary>
public sealed class SiteMetrics
{
    public const string MeterName = "GutImmune";

    public static class Names
    {
        /// <summary>Reader pages answered from the output cache, by kind of page (article, listing).</summary>
        public const string OutputCacheHits = "gutimmune.output_cache.hits";

        /// <summary>Reader pages the output cache did not have, so they were rendered, by kind of page.</summary>
        public const string OutputCacheMisses = "gutimmune.output_cache.misses";

        /// <summary>Article saves by outcome: saved, unchanged, conflict, invalid, not_found.</summary>
        public const string ArticleSaves = "gutimmune.article.saves";

        /// <summary>How long a reader's search took to answer, corrections included.</summary>
        public const string SearchDuration = "gutimmune.search.duration";

        /// <summary>1 while Redis is unreachable and pages are cached in this instance's memory instead (only with Redis).</summary>
        public const string RedisFallback = "gutimmune.redis.fallback";

        /// <summary>Cache evictions waiting for Redis to return (only with Redis).</summary>
        public const string RedisQueuedEvictions = "gutimmune.redis.queued_evictions";
    }

    private const string PageKindTag = "gutimmune.page.kind";
    private const string OutcomeTag = "gutimmune.save.outcome";

    private readonly Meter _meter;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _saves;
    private readonly Histogram<double> _searchDuration;

    public SiteMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _cacheHits = _meter.CreateCounter<long>(Names.OutputCacheHits, "{page}", "Reader pages answered from the output cache");
        _cacheMisses = _meter.CreateCounter<long>(Names.OutputCacheMisses, "{page}", "Reader pages rendered because the output cache did not have them");
        _saves = _meter.CreateCounter<long>(Names.ArticleSaves, "{save}", "Article saves by outcome");
        _searchDuration = _meter.CreateHistogram<double>(Names.SearchDuration, "s", "Time to answer a reader's search",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void CacheHit(string pageKind) => _cacheHits.Add(1, new KeyValuePair<string, object?>(PageKindTag, pageKind));

    public void CacheMiss(string pageKind) => _cacheMisses.Add(1, new KeyValuePair<string, object?>(PageKindTag, pageKind));

    public void ArticleSaved(EditOutcome outcome) => _saves.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome switch
    {
        EditOutcome.Saved { Changed: false } => "unchanged",
        EditOutcome.Saved => "saved",
        EditOutcome.Conflict or EditOutcome.PartRefused => "conflict",
        EditOutcome.Invalid => "invalid",
        _ => "not_found",
    }));

    public void SearchAnswered(TimeSpan elapsed) => _searchDuration.Record(elapsed.TotalSeconds);

    /// <summary>Reports the Redis store's state when the metrics are read (nothing is counted per request).</summary>
    public void ObserveRedis(Func<bool> fallingBack, Func<int> queuedEvictions)
    {
        _meter.CreateObservableGauge(Names.RedisFallback, () => fallingBack() ? 1 : 0, unit: null,
            "1 while Redis is unreachable and reader pages are cached in this instance's memory");
        _meter.CreateObservableGauge(Names.RedisQueuedEvictions, queuedEvictions, "{eviction}", "Cache evictions waiting for Redis to return");
    }
}

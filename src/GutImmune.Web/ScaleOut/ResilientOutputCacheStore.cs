using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

/// <summary>
/// The output cache in Redis, as an accelerator that is never a single point of failure. Every Redis call goes
/// through a circuit breaker; while Redis is unreachable (or frozen) pages are cached in this instance's memory for
/// <see cref="RedisOptions.DegradedCacheLifetime"/> only, and the breaker lets one call through every
/// <see cref="RedisOptions.ProbeInterval"/> to see whether Redis is back. An eviction always clears the memory cache at
/// once; one that cannot reach Redis is queued and sent when it returns, and until the queue is empty Redis is neither
/// read nor written, because it may still hold the pages those evictions remove.
/// </summary>
public sealed class ResilientOutputCacheStore : IOutputCacheStore, IDisposable
{
    private readonly IOutputCacheStore _redis;
    private readonly IOutputCacheStore _memory;
    private readonly TimeSpan _degradedLifetime;
    private readonly ResiliencePipeline _breaker;
    // Read only to report the fallback (IsFallingBack); calls never consult it, so the probe after a break is made.
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ConcurrentDictionary<string, byte> _queuedEvictions = new();
    private readonly SemaphoreSlim _sendingEvictions = new(1, 1);
    private readonly ILogger _logger;

    public ResilientOutputCacheStore(IOutputCacheStore redis, IOutputCacheStore memory, IOptions<RedisOptions> options,
        TimeProvider clock, ILoggerFactory loggers)
    {
        _redis = redis;
        _memory = memory;
        _degradedLifetime = options.Value.DegradedCacheLifetime;
        _logger = loggers.CreateLogger<ResilientOutputCacheStore>();
        _breaker = new ResiliencePipelineBuilder { Name = "RedisOutputCache", TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRedisFault),
                // Half of at least two calls failing within 10 s opens it: each failure costs a reader up to the Redis timeout.
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.Value.ProbeInterval,
                StateProvider = _circuit,
                OnOpened = _ =>
                {
                    _logger.LogWarning("Redis is unreachable: reader pages are cached in memory for {Lifetime} until it returns", _degradedLifetime);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Redis is reachable again: the output cache is back in Redis");
                    return ValueTask.CompletedTask;
                },
            })
            // StackExchange.Redis notices its own timeouts only on its heartbeat (every second or so): bound each call here.
            .AddTimeout(options.Value.Timeout)
            .ConfigureTelemetry(loggers)
            .Build();
    }

    /// <summary>Tag evictions that have not reached Redis yet.</summary>
    public int QueuedEvictions => _queuedEvictions.Count;

    /// <summary>Pages are cached in memory instead of Redis: Redis is unreachable, or evictions still wait for it.</summary>
    public bool IsFallingBack => _circuit.CircuitState is CircuitState.Open or CircuitState.Isolated || !_queuedEvictions.IsEmpty;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await RedisIsUsableAsync(cancellationToken))
        {
            try
            {
                return await _breaker.ExecuteAsync(static async (call, token) => await call.Redis.GetAsync(call.Key, token).AsTask().WaitAsync(token), (Redis: _redis, Key: key), cancellationToken);
            }
            catch (Exception e) when (e is BrokenCircuitException || IsRedisFault(e) || IsCutShort(e, cancellationToken))
            {
                // Redis is away: the memory cache answers.
            }
        }
        return await _memory.GetAsync(key, cancellationToken);
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (await RedisIsUsableAsync(cancellationToken))
        {
            try
            {
                await _breaker.ExecuteAsync(static async (call, token) => await call.Redis.SetAsync(call.Key, call.Value, call.Tags, call.ValidFor, token).AsTask().WaitAsync(token),
                    (Redis: _redis, Key: key, Value: value, Tags: tags, ValidFor: validFor), cancellationToken);
                return;
            }
            catch (Exception e) when (e is BrokenCircuitException || IsRedisFault(e) || IsCutShort(e, cancellationToken))
            {
                // Redis is away: the page is kept in memory, briefly.
            }
        }
        await _memory.SetAsync(key, value, tags, validFor < _degradedLifetime ? validFor : _degradedLifetime, cancellationToken);
    }

    /// <summary>Never fails for Redis's sake: a save that was committed must be reported as saved.</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await _memory.EvictByTagAsync(tag, cancellationToken);
        _queuedEvictions.TryAdd(tag, 0);
        await SendQueuedEvictionsAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the queued evictions to Redis (through the breaker, so this is also how its return is noticed) and says
    /// whether none are left. Only one caller sends at a time; the others carry on without Redis meanwhile.
    /// </summary>
    public async ValueTask<bool> SendQueuedEvictionsAsync(CancellationToken cancellationToken)
    {
        if (_queuedEvictions.IsEmpty)
            return true;
        if (!await _sendingEvictions.WaitAsync(0, cancellationToken))
            return false;
        try
        {
            foreach (var tag in _queuedEvictions.Keys)
            {
                await _breaker.ExecuteAsync(static async (call, token) => await call.Redis.EvictByTagAsync(call.Tag, token).AsTask().WaitAsync(token), (Redis: _redis, Tag: tag), cancellationToken);
                // Nothing is written to Redis while a tag is queued, so a save that queued the same tag again meanwhile is served by this eviction too.
                _queuedEvictions.TryRemove(tag, out _);
            }
            _logger.LogInformation("Cache evictions queued while Redis was unreachable have been sent");
            return _queuedEvictions.IsEmpty;
        }
        catch (Exception e) when (e is BrokenCircuitException || IsRedisFault(e) || IsCutShort(e, cancellationToken))
        {
            return false;
        }
        finally
        {
            _sendingEvictions.Release();
        }
    }

    /// <summary>
    /// No eviction waits. Whether the breaker lets a call through is left to the call itself: it answers at once while
    /// the circuit is open, and only a call made after the break is the probe that closes it again (an instance that
    /// read its open state instead would never try Redis again unless it saved something).
    /// </summary>
    private ValueTask<bool> RedisIsUsableAsync(CancellationToken cancellationToken) => SendQueuedEvictionsAsync(cancellationToken);

    /// <summary>
    /// A Redis call cut short while Redis is frozen can also fail with a cancellation the caller did not ask for (the
    /// timeout's, passed on by the Redis store under another token) or with its connection's pipe already completed.
    /// </summary>
    private static bool IsCutShort(Exception e, CancellationToken caller) =>
        !caller.IsCancellationRequested && e is OperationCanceledException or InvalidOperationException { Source: "System.IO.Pipelines" };

    /// <summary>Redis unreachable or too slow (the Redis store's tag scan reports it wrapped in an AggregateException).</summary>
    private static bool IsRedisFault(Exception e) =>
        e is RedisException or TimeoutException or SocketException or TimeoutRejectedException
        || e is AggregateException all && all.InnerExceptions.All(IsRedisFault);

    public void Dispose()
    {
        (_redis as IDisposable)?.Dispose();
        (_memory as IDisposable)?.Dispose();
        _sendingEvictions.Dispose();
    }
}

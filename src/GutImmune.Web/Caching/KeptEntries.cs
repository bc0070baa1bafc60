using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GutImmune.Web.People;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace GutImmune.Web.Caching;

/// <summary>
/// What reader pages are built from, kept in the output cache's store beside them and tagged like the lists and the
/// people pages (unless the caller names other tags), so that publishing or withdrawing any article, a scheduled article's time, a hero's new alt text and
/// any profile saved evict it, on every instance when the store is Redis. The store stays the authority: each read asks
/// it, and only the JSON it returns is kept deserialised in memory, reused while the store returns the same bytes for
/// the key (bounded by the entries' JSON sizes). With an <paramref name="admission"/>, what is built is stored only when it admits the key.
/// </summary>
public sealed class KeptEntries<T>(IOutputCacheStore store, JsonTypeInfo<T> json, long sizeLimitBytes, CacheAdmission? admission = null)
    : IDisposable where T : class
{
    private static readonly string[] Tags = [ReaderPageCache.ListingsTag, PeopleDirectory.CacheTag];

    private static readonly TimeSpan Unread = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _deserialised = new(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    private sealed record Deserialised(byte[] Json, T Value);

    /// <summary>
    /// The entry kept under <paramref name="key"/> when <paramref name="usable"/> accepts it; otherwise what
    /// <paramref name="build"/> reads, stored as <paramref name="toStore"/> makes it and returned as built.
    /// </summary>
    public async Task<T> GetAsync(string key, Func<T, bool> usable, Func<CancellationToken, Task<T>> build, Func<T, T> toStore,
        CancellationToken cancellationToken) =>
        await FindAsync(key, Tags, usable, async token => await build(token), toStore, cancellationToken)
            ?? throw new InvalidOperationException($"Nothing was built for {key}.");

    /// <summary>
    /// As <see cref="GetAsync"/>, tagged with <paramref name="tags"/> instead of the lists' and the people's tags; nothing is
    /// stored when <paramref name="build"/> finds nothing, so what is not there is asked again at the next reading.
    /// </summary>
    public async Task<T?> FindAsync(string key, string[] tags, Func<T, bool> usable, Func<CancellationToken, Task<T?>> build,
        Func<T, T> toStore, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is { } stored && Read(key, stored) is { } kept && usable(kept))
            return kept;
        if (await build(cancellationToken) is not { } built)
            return null;
        if (admission is null || admission.Admits(key))
            await store.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(toStore(built), json), tags, ReaderPageCache.ArticleLifetime, cancellationToken);
        return built;
    }

    private T? Read(string key, byte[] stored)
    {
        // The in-memory store returns the very array it holds; Redis a new one with the same bytes.
        if (_deserialised.TryGetValue(key, out Deserialised? known) && (ReferenceEquals(known!.Json, stored) || known.Json.AsSpan().SequenceEqual(stored)))
            return known.Value;
        if (JsonSerializer.Deserialize(stored, json) is not { } value)
            return null;
        _deserialised.Set(key, new Deserialised(stored, value), new MemoryCacheEntryOptions { Size = stored.Length, SlidingExpiration = Unread });
        return value;
    }

    public void Dispose() => _deserialised.Dispose();
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Memory;

namespace GutImmune.Web.Caching;

/// <summary>
/// Entries of the output cache's store kept deserialised in memory, reused while the store returns the same bytes
/// for their key: the store stays the authority (its evictions reach every instance), this only saves the parse.
/// Bounded by the entries' JSON sizes.
/// </summary>
public sealed class StoredJsonMemo<T>(JsonTypeInfo<T> json, long sizeLimitBytes) : IDisposable where T : class
{
    private static readonly TimeSpan Unread = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _deserialised = new(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });

    private sealed record Deserialised(byte[] Json, T Value);

    /// <summary>What <paramref name="stored"/>, the store's bytes for <paramref name="key"/>, holds.</summary>
    public T? Read(string key, byte[] stored)
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

using System.Text.Json.Serialization;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// What an article page shows of other articles and of people (<see cref="ArticleSurroundings"/>), kept in the output
/// cache's store beside the pages, so that a page the output cache does not serve (a miss, a signed-in reader) reads only
/// its edition. Tagged like the lists and the people pages: publishing or withdrawing any article (which can change any
/// page's related articles) and saving any profile evict every entry, on every instance when the store is Redis; an entry
/// is not used past its <see cref="ArticleSurroundings.ValidUntil"/>, when a scheduled article may join its related articles.
/// The store stays the authority: each read asks it, and only the JSON it returns is kept deserialised in memory, reused
/// while the store returns the same bytes.
/// </summary>
public sealed class ArticleSurroundingsCache(IOutputCacheStore store) : IDisposable
{
    /// <summary>
    /// Deserialised entries, counted by their JSON's size: a few KB each. Stored from a page's first reading while few pages
    /// miss, else from its second (<see cref="CacheAdmission"/>): they share the output cache's store with the pages.
    /// </summary>
    private readonly KeptEntries<ArticleSurroundings> _kept = new(store, ArticleSurroundingsJson.Default.ArticleSurroundings, 8 * 1024 * 1024,
        new CacheAdmission(keptFromFirstReading: 512, window: 8192));

    /// <summary>
    /// The surroundings of edition <paramref name="editionId"/> at <paramref name="version"/> on a site at
    /// <paramref name="baseUrl"/> (the JSON-LD holds absolute addresses) at <paramref name="utcNow"/>; <paramref name="build"/>
    /// reads them when none are kept.
    /// </summary>
    public Task<ArticleSurroundings> GetAsync(int editionId, int version, string baseUrl, DateTime utcNow,
        Func<CancellationToken, Task<ArticleSurroundings>> build, CancellationToken cancellationToken) =>
        _kept.GetAsync($"article-surroundings\u001e{editionId}\u001e{version}\u001e{baseUrl}",
            kept => kept.ValidUntil is not { } until || utcNow < until, build,
            // A new stamp for every entry stored: what is rendered from these surroundings can be kept under it. They are
            // returned without it, so a page's markup is kept from its second reading on: on a large site most pages that
            // miss the output cache are read once, and keeping theirs would only fill memory.
            built => built with { Stamp = Guid.NewGuid().ToString("N") }, cancellationToken);

    public void Dispose() => _kept.Dispose();
}

[JsonSerializable(typeof(ArticleSurroundings))]
internal sealed partial class ArticleSurroundingsJson : JsonSerializerContext;

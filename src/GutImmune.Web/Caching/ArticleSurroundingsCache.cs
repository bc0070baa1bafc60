using System.Text.Json;
using System.Text.Json.Serialization;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// What an article page shows of other articles and of people (<see cref="ArticleSurroundings"/>), kept in the output
/// cache's store beside the pages, so that a page the output cache does not serve (a miss, a signed-in reader) reads only
/// its edition. Tagged like the lists and the people pages: publishing or withdrawing any article (which can change any
/// page's related articles) and saving any profile evict every entry, on every instance when the store is Redis; an entry
/// is not used past its <see cref="ArticleSurroundings.ValidUntil"/>, when a scheduled article may join its related articles.
/// </summary>
public sealed class ArticleSurroundingsCache(IOutputCacheStore store)
{
    private static readonly string[] Tags = [ReaderPageCache.ListingsTag, PeopleDirectory.CacheTag];

    /// <summary>
    /// The surroundings of edition <paramref name="editionId"/> at <paramref name="version"/> on a site at
    /// <paramref name="baseUrl"/> (the JSON-LD holds absolute addresses) at <paramref name="utcNow"/>; <paramref name="build"/>
    /// reads them when none are kept.
    /// </summary>
    public async Task<ArticleSurroundings> GetAsync(int editionId, int version, string baseUrl, DateTime utcNow,
        Func<CancellationToken, Task<ArticleSurroundings>> build, CancellationToken cancellationToken)
    {
        var key = $"article-surroundings\u001e{editionId}\u001e{version}\u001e{baseUrl}";
        if (await store.GetAsync(key, cancellationToken) is { } stored
            && JsonSerializer.Deserialize(stored, ArticleSurroundingsJson.Default.ArticleSurroundings) is { } kept
            && (kept.ValidUntil is not { } until || utcNow < until))
            return kept;
        var built = await build(cancellationToken);
        await store.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(built, ArticleSurroundingsJson.Default.ArticleSurroundings),
            Tags, ReaderPageCache.ArticleLifetime, cancellationToken);
        return built;
    }
}

[JsonSerializable(typeof(ArticleSurroundings))]
internal sealed partial class ArticleSurroundingsJson : JsonSerializerContext;

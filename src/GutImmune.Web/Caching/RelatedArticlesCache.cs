using System.Text.Json.Serialization;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// The candidates for an article's related articles, kept per set of topics: every article with the same topics has
/// the same ones but itself (<see cref="RelatedCandidates.For"/>), so a page that misses the output cache and its kept
/// surroundings does not query them. Kept in the output cache's store and tagged as <see cref="ArticleSurroundingsCache"/>'s
/// entries are, so the same changes evict them, on every instance when the store is Redis: publishing or withdrawing
/// any article, a scheduled article's time (<see cref="ScheduledPublicationEviction"/>), a hero's new alt text and any
/// profile saved; and an entry is not used past its <see cref="RelatedCandidates.ValidUntil"/>.
/// </summary>
public sealed class RelatedArticlesCache(IOutputCacheStore store) : IDisposable
{
    /// <summary>Deserialised entries, counted by their JSON's size: a few KB each, one per set of topics read.</summary>
    private readonly KeptEntries<RelatedCandidates> _kept = new(store, RelatedCandidatesJson.Default.RelatedCandidates, 4 * 1024 * 1024);

    /// <summary>The candidates of the articles filed under <paramref name="topicIds"/> at <paramref name="utcNow"/>; <paramref name="build"/> reads them when none are kept.</summary>
    public Task<RelatedCandidates> GetAsync(IEnumerable<int> topicIds, DateTime utcNow, Func<CancellationToken, Task<RelatedCandidates>> build,
        CancellationToken cancellationToken) =>
        _kept.GetAsync($"related-articles\u001e{string.Join(',', topicIds.Order())}", kept => kept.ValidUntil is not { } until || utcNow < until,
            build, built => built, cancellationToken);

    public void Dispose() => _kept.Dispose();
}

[JsonSerializable(typeof(RelatedCandidates))]
internal sealed partial class RelatedCandidatesJson : JsonSerializerContext;

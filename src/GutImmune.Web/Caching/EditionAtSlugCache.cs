using System.Text.Json.Serialization;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// Which reader edition readers see at a slug, and its header, kept in the output cache's store with the tags of the
/// article's own pages (<see cref="ReaderPageCache.ArticleTag"/> and <see cref="PeopleDirectory.CacheTag"/>), so that
/// every change that evicts those pages (publishing, withdrawing, a slug changed, a scheduled time come: all through
/// <see cref="ReaderPageCache.EvictAsync"/>) evicts it at the same moment, on every instance when the store is Redis. A
/// page whose edition, rendered page, surroundings and markup are all kept then runs no query. Only an edition readers
/// may see is kept (it stays visible until a change evicts it); a slug with none is asked again at every reading.
/// </summary>
public sealed class EditionAtSlugCache(IOutputCacheStore store) : IDisposable
{
    /// <summary>
    /// Deserialised entries, counted by their JSON's size: under a KB each. Stored from an edition's second reading: like
    /// a page's markup, most editions of a large site are read once while the output cache misses.
    /// </summary>
    private readonly KeptEntries<EditionAtSlug> _kept = new(store, EditionAtSlugJson.Default.EditionAtSlug, 4 * 1024 * 1024,
        new CacheAdmission(keptFromFirstReading: 0, window: 8192));

    /// <summary>The edition readers see at <paramref name="slug"/>; <paramref name="find"/> reads it when none is kept.</summary>
    public Task<EditionAtSlug?> FindAsync(string slug, Func<CancellationToken, Task<EditionAtSlug?>> find, CancellationToken cancellationToken) =>
        _kept.FindAsync($"edition-at-slug\u001e{slug}", [ReaderPageCache.ArticleTag(slug), PeopleDirectory.CacheTag], _ => true, find, found => found,
            cancellationToken);

    public void Dispose() => _kept.Dispose();
}

/// <summary>A visible reader edition as its page needs it, without its topics (<see cref="ReaderEditionPages"/> keeps them).</summary>
public sealed record EditionAtSlug(int Id, int Version, int ArticleId, ArticleHeader Header);

[JsonSerializable(typeof(EditionAtSlug))]
internal sealed partial class EditionAtSlugJson : JsonSerializerContext;

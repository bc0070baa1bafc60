using GutImmune.Web.Content;
using GutImmune.Web.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Reading;

/// <summary>
/// The unpacked pages of recently read reader editions, and their topics, kept in memory, so that a request the output
/// cache misses does not unpack its edition (Brotli and JSON) or read its topics again. Keyed by edition and version: every save increments the article's
/// version, so a publication is always a new key and no instance can serve an old page, even one that did not see the
/// publication (several instances on one database). Publishing and withdrawing also forget the old page here at once,
/// to free its memory; anything left over expires unread. Bounded by the size of the pages' JSON
/// (`ReaderCache:RenderedEditionsMegabytes`). While many editions miss, one is kept only from its second reading
/// (<see cref="CacheAdmission"/>): most of them are read once.
/// </summary>
public sealed class ReaderEditionPages(IOptions<ReaderCacheOptions> options) : IDisposable
{
    private static readonly TimeSpan Unread = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = options.Value.RenderedEditionsMegabytes * 1024L * 1024 });

    /// <summary>About as many pages as the limit holds (16–32 KB counted each, and their topics) are kept from their first reading.</summary>
    private readonly CacheAdmission _admission = new(options.Value.RenderedEditionsMegabytes * 64, options.Value.RenderedEditionsMegabytes * 1024);

    /// <summary>The page of edition <paramref name="editionId"/> at <paramref name="version"/>; <paramref name="load"/> reads its stored <see cref="ReaderEdition.RenderedPage"/> when it is not in memory.</summary>
    public async Task<RenderedArticle> GetAsync(int editionId, int version, Func<CancellationToken, Task<byte[]>> load, CancellationToken cancellationToken)
    {
        var key = (editionId, version);
        if (_pages.TryGetValue(key, out RenderedArticle? page))
            return page!;
        (page, var jsonLength) = ReaderEdition.ReadStoredPage(await load(cancellationToken));
        if (!_admission.Admits($"page\u001e{editionId}\u001e{version}"))
            return page;
        // Two bytes a character of the stored JSON, which keeps the HTML unescaped: about what the unpacked strings take.
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = jsonLength * sizeof(char), SlidingExpiration = Unread });
        return page;
    }

    /// <summary>The topics of edition <paramref name="editionId"/> at <paramref name="version"/> (set when it was published, like its page); <paramref name="load"/> reads them when they are not in memory.</summary>
    public async Task<IReadOnlyList<Topic>> GetTopicsAsync(int editionId, int version, Func<CancellationToken, Task<List<Topic>>> load, CancellationToken cancellationToken)
    {
        var key = (editionId, version, nameof(ReaderEdition.Topics));
        if (_pages.TryGetValue(key, out IReadOnlyList<Topic>? topics))
            return topics!;
        var loaded = await load(cancellationToken);
        if (!_admission.Admits($"topics\u001e{editionId}\u001e{version}"))
            return loaded;
        _pages.Set(key, (IReadOnlyList<Topic>)loaded, new MemoryCacheEntryOptions { Size = 64 + loaded.Sum(t => t.Slug.Length + t.Name.Length) * sizeof(char), SlidingExpiration = Unread });
        return loaded;
    }

    public void Forget(int editionId, int version)
    {
        _pages.Remove((editionId, version));
        _pages.Remove((editionId, version, nameof(ReaderEdition.Topics)));
    }

    public void Dispose() => _pages.Dispose();
}

using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Caching;

/// <summary>The `ReaderCache` section: what the site's own output cache allows.</summary>
public sealed class ReaderCacheOptions
{
    public const string Section = "ReaderCache";

    /// <summary>
    /// Reader pages one client (its address, or its IPv6 /64) may have rendered per minute, counting only requests the
    /// output cache could not answer: beyond it, 429. 0 turns the limit off. Pages served from the cache are never counted.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int UncachedRendersPerMinute { get; set; } = 120;

    /// <summary>
    /// Renders the output cache did not answer (reader pages, search, the content API) in progress at once for the whole
    /// site, whoever asked; as many times <see cref="ConcurrentRenderLimit.QueuedPerRender"/> more may wait for one to
    /// end, and beyond those 503. Signed-in editors are not counted. 0 turns the limit off. By default twice the
    /// processors: renders wait on the database too, so as many as the processors would leave some idle.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int UncachedRendersAtOnce { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>
    /// The output cache's size: pages are stored as sent (compressed for browsers, a few KB each; about 17 KB
    /// uncompressed), so 8 MB holds about 500 to 2,000; beyond it the least recently used go. Under reads spread over
    /// many articles the cache is always full and its evicted pages are what the garbage collector must reclaim: the site's
    /// peak memory grows by about twice this size (bench/README, "Third round (m1)" and "Fourth round (m2)").
    /// </summary>
    [Range(1, 64 * 1024)]
    public int OutputCacheMegabytes { get; set; } = 8;

    /// <summary>
    /// The unpacked pages of recently read editions (<c>ReaderEditionPages</c>), counted by their stored JSON's characters,
    /// two bytes each (about what the unpacked strings take; pages published before 2026-12-03 count more, their JSON
    /// escaping the HTML's brackets and quotes): over a hundred pages the size of the seed article's. Counted in the peak
    /// memory like <see cref="OutputCacheMegabytes"/>.
    /// </summary>
    [Range(1, 64 * 1024)]
    public int RenderedEditionsMegabytes { get; set; } = 4;

    /// <summary>
    /// The kept markup of article pages the output cache did not answer (the cache tag helper in <c>_Article.cshtml</c>),
    /// counted by its characters: about 75 pages the size of the seed article's.
    /// </summary>
    [Range(1, 64 * 1024)]
    public int ArticleMarkupMegabytes { get; set; } = 4;

    /// <summary>
    /// How long after a change's eviction of reader pages they are evicted again (<c>RepeatedEviction</c>): longer than a
    /// page takes to render, so a page rendered from the content before the change is not kept. Zero: once only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan EvictAgainAfter { get; set; } = TimeSpan.FromSeconds(3);
}

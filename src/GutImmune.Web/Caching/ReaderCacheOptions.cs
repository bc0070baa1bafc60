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
}

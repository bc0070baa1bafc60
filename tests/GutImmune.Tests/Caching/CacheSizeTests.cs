using GutImmune.Tests.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GutImmune.Tests.Caching;

/// <summary>The memory the caches may take is an operator's setting (`ReaderCache` section), checked at start.</summary>
public class CacheSizeTests
{
    [Fact]
    public void Output_cache_size_comes_from_the_ReaderCache_setting()
    {
        using var site = new GutImmuneFactory();
        site.Settings["ReaderCache:OutputCacheMegabytes"] = "3";

        Assert.Equal(3L * 1024 * 1024, site.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit);
    }

    [Fact]
    public void Output_cache_keeps_8_MB_by_default()
    {
        using var site = new GutImmuneFactory();

        Assert.Equal(8L * 1024 * 1024, site.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit);
    }

    [Fact]
    public void A_cache_size_of_zero_stops_the_start_saying_which_setting()
    {
        using var site = new GutImmuneFactory();
        site.Settings["ReaderCache:RenderedEditionsMegabytes"] = "0";

        var refused = Assert.ThrowsAny<Exception>(() => site.Services);
        Assert.Contains("RenderedEditionsMegabytes", refused.ToString());
    }
}

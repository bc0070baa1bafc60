using GutImmune.Web.Caching;
using GutImmune.Web.Reading;
using GutImmune.Web.SitePages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

/// <summary>About, Editorial policy, Contact and Privacy, and the HTML sitemap: the pages the footer links to.</summary>
[OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
public class SitePagesController(SitePageStore pages, SiteIndex index) : Controller
{
    /// <summary>The path <see cref="Show"/> answers, as its route generates it: every page's footer links to the site pages.</summary>
    public static string PathOf(string slug) => $"/{Uri.EscapeDataString(slug)}";

    /// <summary>The path <see cref="Sitemap"/> answers, as its route generates it.</summary>
    public const string SitemapPath = "/sitemap";

    [HttpGet("/{slug:" + SitePageTexts.SlugConstraint + "}")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy, Tags = [SitePageStore.CacheTag])]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var page = await pages.ShowAsync(slug, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("/sitemap")]
    [OneValuePerQueryKey]
    public async Task<IActionResult> Sitemap([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var sitemap = await index.GetPageAsync(page, cancellationToken);
        return await this.PageOrNotFoundAsync(sitemap, sitemap.PageNumber, sitemap.Articles.Count, () => index.CountAsync(cancellationToken), SiteIndex.PageSize, SitemapPath);
    }
}

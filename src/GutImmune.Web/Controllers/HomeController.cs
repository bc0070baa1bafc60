using GutImmune.Web.Reading;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

public class HomeController(ArticleReader reader) : Controller
{
    /// <summary>The path <see cref="Index"/> answers, as its route generates it: every page's header links to it.</summary>
    public const string IndexPath = "/";

    [HttpGet("/")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    [OneValuePerQueryKey]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var home = await reader.GetHomePageAsync(page, cancellationToken);
        return await this.PageOrNotFoundAsync(home, home.PageNumber, home.Articles.Count, () => reader.CountArticlesAsync(topicSlug: null, cancellationToken), ArticleReader.PageSize, IndexPath);
    }
}

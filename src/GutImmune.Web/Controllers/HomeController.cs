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
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var home = await reader.GetHomePageAsync(page, cancellationToken);
        if (ListPages.Exists(Request.Query, home.PageNumber, home.Articles.Count))
            return View(home);
        return ListPages.IsPastTheEnd(Request.Query, home.PageNumber, home.Articles.Count)
            ? this.PastTheEnd(await reader.CountArticlesAsync(topicSlug: null, cancellationToken), ArticleReader.PageSize, IndexPath)
            : NotFound();
    }
}

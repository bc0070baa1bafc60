using GutImmune.Web.Search;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

public class SearchController(ArticleSearch search) : Controller
{
    [HttpGet("/search")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        View(await search.SearchAsync(q, page, cancellationToken));
}

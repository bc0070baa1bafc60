using GutImmune.Web.Search;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

public class SearchController(ArticleSearch search) : Controller
{
    [HttpGet("/search")]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        View(await search.SearchAsync(q, page, cancellationToken));
}

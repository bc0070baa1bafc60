using GutImmune.Web.Search;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

public class SearchController(ArticleSearch search) : Controller
{
    [HttpGet("/search")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    [OneValuePerQueryKey]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        // Control characters (e.g. %00) are not words and are not valid in HTML: they separate words, as spaces do.
        var results = await search.SearchAsync(q is null ? null : new string(q.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim(), page, cancellationToken);
        // The pages of the search as its pager links them: of the query searched (a correction, when the words found nothing).
        return await this.PageOrNotFoundAsync(results, results.PageNumber, results.Articles.Count, () => Task.FromResult(results.Total),
            ArticleSearch.PageSize, $"/search?q={Uri.EscapeDataString(results.Query)}");
    }
}

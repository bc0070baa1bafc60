using GutImmune.Web.Reading;
using GutImmune.Web.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

public class TopicsController(ArticleReader reader) : Controller
{
    /// <summary>The path <see cref="Show"/> answers, as its route generates it (article pages link every topic they are filed under).</summary>
    public static string PathOf(string slug) => $"/topics/{Uri.EscapeDataString(slug)}";

    /// <summary>The path <see cref="Index"/> answers, as its route generates it: every page's header links to it.</summary>
    public const string IndexPath = "/topics";

    [HttpGet("/topics")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await reader.GetTopicsAsync(cancellationToken));

    [HttpGet("/topics/{slug}")]
    [OutputCache(PolicyName = ReaderPageCache.ListingPolicy)]
    [OneValuePerQueryKey]
    public async Task<IActionResult> Show(string slug, [FromQuery] int page = 1, CancellationToken cancellationToken = default)
    {
        var topic = await reader.GetTopicPageAsync(slug, page, cancellationToken);
        if (topic is null)
            return NotFound();
        return await this.PageOrNotFoundAsync(topic, topic.PageNumber, topic.Articles.Count, () => reader.CountArticlesAsync(slug, cancellationToken), ArticleReader.PageSize, PathOf(slug));
    }
}

using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

[Route("articles/{slug}")]
public class ArticlesController(ArticleReader reader) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var page = await reader.GetArticlePageAsync(slug, cancellationToken);
        if (page is not null)
            return View(page);
        return await reader.FindRenamedAsync(slug, cancellationToken) is { } current
            ? RedirectPermanent($"/articles/{current}")
            : NotFound();
    }

    [HttpGet("{sectionSlug}")]
    public async Task<IActionResult> Section(string slug, string sectionSlug, CancellationToken cancellationToken)
    {
        var page = await reader.GetSectionPageAsync(slug, sectionSlug, cancellationToken);
        if (page is not null)
            return View(page);
        return await reader.FindRenamedAsync(slug, cancellationToken) is { } current
            ? RedirectPermanent($"/articles/{current}/{Uri.EscapeDataString(sectionSlug)}")
            : NotFound();
    }
}

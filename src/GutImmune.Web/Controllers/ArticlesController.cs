using System.Text;
using GutImmune.Web.Caching;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

[Route("articles/{slug}")]
[OutputCache(PolicyName = ReaderPageCache.ArticlePolicy)]
[ArticleAddress]
public class ArticlesController(ArticleReader reader, SiteAddress site, TimeProvider clock) : Controller
{
    /// <summary>The path <see cref="Show"/> answers, as its route generates it: reader pages print many of these, and a string costs less than routing.</summary>
    public static string PathOf(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";

    /// <summary>The path <see cref="Section"/> answers, as its route generates it.</summary>
    public static string SectionPathOf(string slug, string sectionSlug) => $"{PathOf(slug)}/{Uri.EscapeDataString(sectionSlug)}";

    /// <summary>
    /// The article; its header links to people's profiles, so saving a profile evicts it too (a tag set before a cache hit).
    /// It takes no parameters, so MVC binds nothing: model binding (value providers, binders, validation) of its slug and
    /// token was 6 % of an uncached article's CPU. The route's value is the decoded path segment (binding turned one of only
    /// spaces into null; neither finds an article).
    /// </summary>
    [HttpGet("")]
    [OutputCache(PolicyName = ReaderPageCache.ArticlePolicy, Tags = [PeopleDirectory.CacheTag])]
    public async Task<IActionResult> Show()
    {
        var slug = RouteValue("slug");
        var cancellationToken = HttpContext.RequestAborted;
        return await reader.GetArticlePageAsync(slug, cancellationToken) is { } page
            ? View(page)
            : await RenamedOrNotFoundAsync(slug, "", cancellationToken);
    }

    /// <summary>
    /// A section on its own page, under the same byline as its article (so saving a profile evicts it too); like <see cref="Show"/>,
    /// it binds nothing. A section published before under another slug, or under the article's former slug, is one 301 away.
    /// </summary>
    [HttpGet("{sectionSlug}")]
    [OutputCache(PolicyName = ReaderPageCache.ArticlePolicy, Tags = [PeopleDirectory.CacheTag])]
    public async Task<IActionResult> Section()
    {
        var slug = RouteValue("slug");
        var sectionSlug = RouteValue("sectionSlug");
        var cancellationToken = HttpContext.RequestAborted;
        // No section has a slug of only spaces.
        if (string.IsNullOrWhiteSpace(sectionSlug))
            return NotFound();
        if (await reader.GetSectionPageAsync(slug, sectionSlug, cancellationToken) is { } page)
            return View(page);
        return await reader.MovedSectionAddressAsync(slug, sectionSlug, SectionPathOf, Request.QueryString, cancellationToken) is { } moved
            ? RedirectPermanent(moved)
            : NotFound();
    }

    /// <summary>Cite this page: BibTeX or RIS for the article itself.</summary>
    [HttpGet("cite.{format:regex(^(bib|ris)$)}")]
    public async Task<IActionResult> Cite(string slug, string format, CancellationToken cancellationToken)
    {
        if (await reader.GetCitationsAsync(slug, cancellationToken) is not (var header, _))
            return await RenamedOrNotFoundAsync(slug, $"/cite.{format}", cancellationToken);
        var url = site.Absolute($"/articles/{slug}");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return format == "bib"
            ? Download(ReferenceExport.ArticleBibTex(header, url, today), "application/x-bibtex", $"{slug}.bib")
            : Download(ReferenceExport.ArticleRis(header, url, today), "application/x-research-info-systems", $"{slug}.ris");
    }

    /// <summary>The article's reference list for reference managers.</summary>
    [HttpGet("references.{format:regex(^(bib|ris)$)}")]
    public async Task<IActionResult> References(string slug, string format, CancellationToken cancellationToken)
    {
        if (await reader.GetCitationsAsync(slug, cancellationToken) is not (_, var citations))
            return await RenamedOrNotFoundAsync(slug, $"/references.{format}", cancellationToken);
        return format == "bib"
            ? Download(ReferenceExport.ReferencesBibTex(slug, citations), "application/x-bibtex", $"{slug}-references.bib")
            : Download(ReferenceExport.ReferencesRis(citations), "application/x-research-info-systems", $"{slug}-references.ris");
    }

    /// <summary>A value of the action's route, which matched only if the value is there.</summary>
    private string RouteValue(string name) => (string)RouteData.Values[name]!;

    private FileContentResult Download(string text, string contentType, string fileName) =>
        File(Encoding.UTF8.GetBytes(text), contentType + "; charset=utf-8", fileName);

    private async Task<IActionResult> RenamedOrNotFoundAsync(string slug, string rest, CancellationToken cancellationToken) =>
        await reader.MovedAddressAsync(slug, PathOf, rest, Request.QueryString, cancellationToken) is { } moved
            ? RedirectPermanent(moved)
            : NotFound();
}

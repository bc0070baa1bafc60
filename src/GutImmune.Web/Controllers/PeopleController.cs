using GutImmune.Web.Caching;
using GutImmune.Web.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Controllers;

[Route("people")]
[OutputCache(PolicyName = ReaderPageCache.ListingPolicy, Tags = [PeopleDirectory.CacheTag])]
public class PeopleController(PeopleDirectory people) : Controller
{
    /// <summary>The path <see cref="Index"/> answers, as its route generates it: every page's footer links to it.</summary>
    public const string IndexPath = "/people";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        return View(await people.ListAsync(cancellationToken));
    }

    [HttpGet("{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var profile = await people.ProfileAsync(slug, cancellationToken);
        return profile is null ? NotFound() : View(profile);
    }
}

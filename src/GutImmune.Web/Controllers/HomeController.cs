using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

public class HomeController(ArticleReader reader) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, CancellationToken cancellationToken = default) =>
        View(await reader.GetHomePageAsync(page, cancellationToken));
}

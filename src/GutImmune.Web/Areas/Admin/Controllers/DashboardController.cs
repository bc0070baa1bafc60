using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

public class DashboardController(EditorialQueries queries) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await queries.GetDashboardAsync(cancellationToken));
}

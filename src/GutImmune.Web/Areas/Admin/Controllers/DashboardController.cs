using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

public class DashboardController(EditorialQueries queries) : AdminController
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.GetDashboardAsync(new EditorialQueries.StaffMember(EditorName,
            Reviews: User.IsInRole(Roles.Reviewer) || User.IsInRole(Roles.Admin),
            Edits: User.IsInRole(Roles.Editor) || User.IsInRole(Roles.Admin),
            Administers: User.IsInRole(Roles.Admin)), cancellationToken));
}

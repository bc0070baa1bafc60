using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/audit")]
[Authorize(Policy = Policies.ManageUsers)]
public class AuditController(AuditLog log) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditLogQuery query, CancellationToken cancellationToken)
    {
        var actions = await log.ActionsAsync(cancellationToken);
        var (filter, ignored) = query.Read(actions);
        var (rows, hasNext) = await log.FindAsync(filter, cancellationToken);
        return View(new AuditLogPage(filter, ignored, actions, rows, hasNext));
    }
}

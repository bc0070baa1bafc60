using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/audit")]
[Authorize(Policy = Policies.ManageUsers)]
public class AuditController(GutImmuneDbContext db) : AdminController
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        return View(new AuditPage(entries.Take(PageSize).ToList(), page, entries.Count > PageSize));
    }
}

public sealed record AuditPage(IReadOnlyList<Auditing.AuditEntry> Entries, int PageNumber, bool HasNextPage);

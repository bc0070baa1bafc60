using GutImmune.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// Base of every admin controller: signed-in staff only (controllers narrow it with policies), never cached, closed to
/// an account until it has replaced its one-time password. Controllers that change articles derive from
/// <see cref="ArticleEditingController"/>.
/// </summary>
[Area("Admin")]
[Authorize(Roles = $"{Roles.Admin},{Roles.Editor},{Roles.Reviewer}")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[OneTimePasswordGate]
public abstract class AdminController : Controller
{
    protected string EditorName => User.Identity?.Name ?? "unknown";
}

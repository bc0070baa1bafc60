using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.ContentApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Keys for the content API: Admins make them (each shown once), see their use, and revoke them.</summary>
[Route("admin/api-keys")]
[Authorize(Policy = Policies.ManageApiKeys)]
public class ApiKeysController(ApiKeyStore keys) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new ApiKeyListPage(await keys.AllAsync(cancellationToken), new NewApiKeyForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = nameof(ApiKeyListPage.NewKey))] NewApiKeyForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return View(nameof(Index), new ApiKeyListPage(await keys.AllAsync(cancellationToken), form));
        var (name, secret) = await keys.CreateAsync(form.Name, cancellationToken);
        return View("Created", new ApiKeyCreatedPage(name, secret));
    }

    [HttpPost("{keyId:int}/revoke")]
    public async Task<IActionResult> Revoke(int keyId, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(keyId, cancellationToken))
            return NotFound();
        TempData.SetFlashMessage("The key is revoked: requests with it are refused from now on.");
        return RedirectToAction(nameof(Index));
    }
}

using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.SitePages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>About, Editorial policy, Contact and Privacy: simple Markdown pages at fixed addresses.</summary>
[Route("admin/pages")]
public class SitePagesController(SitePageStore pages) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await pages.ListAsync(cancellationToken));

    [HttpGet("{slug}")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Edit(string slug, CancellationToken cancellationToken) =>
        await pages.GetForEditingAsync(slug, cancellationToken) is { } page
            ? View(new SitePageFormPage(slug, page.Title, SitePageForm.From(page)))
            : NotFound();

    [HttpPost("{slug}")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Edit(string slug, SitePageForm form, CancellationToken cancellationToken)
    {
        if (SitePageTexts.Find(slug) is null)
            return NotFound();
        if (!ModelState.IsValid)
            return await ReshowAsync(slug, form, cancellationToken);
        switch (await pages.SaveAsync(slug, form.Title, form.Body, form.Version, cancellationToken))
        {
            case SitePageSave.Saved:
                TempData.SetFlashMessage($"Saved the page “{form.Title}”. Readers see it at /{slug}.");
                return RedirectToAction(nameof(Index));
            case SitePageSave.Refused refused:
                ModelState.AddModelError(nameof(form.Body), refused.Problem);
                return await ReshowAsync(slug, form, cancellationToken);
            case SitePageSave.Conflict conflict:
                ModelState.AddModelError("", $"{conflict.SavedBy} saved this page after you opened it, so your changes were not saved. "
                    + "Open the page again to see theirs; your text is still in the form below to copy from.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ReshowAsync(slug, form, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>The form as the editor sent it, under the page's saved title (the one typed may be what was refused).</summary>
    private async Task<IActionResult> ReshowAsync(string slug, SitePageForm form, CancellationToken cancellationToken) =>
        await pages.GetForEditingAsync(slug, cancellationToken) is { } page
            ? View(new SitePageFormPage(slug, page.Title, form))
            : NotFound();
}

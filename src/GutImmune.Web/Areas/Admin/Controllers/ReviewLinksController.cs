using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Publishing;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Review links to an article's working copy for clinicians without an account: made and revoked by Editors.</summary>
[Route("admin/articles/{id:int}/review-links")]
[Authorize(Policy = Policies.EditContent)]
public class ReviewLinksController(ReviewLinks links, SiteAddress site) : AdminController
{
    /// <summary>Makes a link and shows its address, the only time it can be seen (only its hash is kept).</summary>
    [HttpPost("")]
    public async Task<IActionResult> Create(int id, CancellationToken cancellationToken)
    {
        if (await links.CreateAsync(id, cancellationToken) is not var (link, token))
            return NotFound();
        var address = site.Absolute(Url.Action("Show", "ReviewLinks", new { area = "", token })!);
        return View(new ReviewLinkCreatedPage(id, address, link.ExpiresAt));
    }

    [HttpPost("{linkId:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, int linkId, CancellationToken cancellationToken)
    {
        if (!await links.RevokeAsync(id, linkId, cancellationToken))
            return NotFound();
        TempData.SetFlashMessage("The review link was revoked: it no longer opens the article.");
        return RedirectToAction("Edit", "Articles", new { id });
    }
}

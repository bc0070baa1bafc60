using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>The search synonym list: groups of phrases that find each other.</summary>
[Route("admin/synonyms")]
[Authorize(Policy = Policies.EditContent)]
public class SynonymsController(SynonymList synonyms) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new SynonymListPage(await synonyms.AllAsync(cancellationToken), new SynonymForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = nameof(SynonymListPage.NewGroup))] SynonymForm form, CancellationToken cancellationToken)
    {
        if (await synonyms.AddAsync(form.Phrases, cancellationToken) is { } problem)
        {
            ModelState.AddModelError($"{nameof(SynonymListPage.NewGroup)}.{nameof(SynonymForm.Phrases)}", problem);
            return View(nameof(Index), new SynonymListPage(await synonyms.AllAsync(cancellationToken), form));
        }
        TempData.SetFlashMessage("The synonym group is added; searches use it from now on.");
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await synonyms.FindAsync(id, cancellationToken) is { } group
            ? View(new SynonymEditPage(id, new SynonymForm { Phrases = group.Phrases }))
            : NotFound();

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Update(int id, [Bind(Prefix = nameof(SynonymEditPage.Group))] SynonymForm form, CancellationToken cancellationToken)
    {
        var (found, problem) = await synonyms.UpdateAsync(id, form.Phrases, cancellationToken);
        if (!found)
            return NotFound();
        if (problem is not null)
        {
            ModelState.AddModelError($"{nameof(SynonymEditPage.Group)}.{nameof(SynonymForm.Phrases)}", problem);
            return View(nameof(Edit), new SynonymEditPage(id, form));
        }
        TempData.SetFlashMessage("The synonym group is saved.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        if (!await synonyms.DeleteAsync(id, cancellationToken))
            return NotFound();
        TempData.SetFlashMessage("The synonym group is deleted.");
        return RedirectToAction(nameof(Index));
    }
}

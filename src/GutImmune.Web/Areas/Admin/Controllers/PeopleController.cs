using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Media;
using GutImmune.Web.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Author and reviewer profiles: listed for all staff, written by those who edit content.</summary>
[Route("admin/people")]
public class PeopleController(PeopleEditor people, MediaLibrary media) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await people.ListAsync(cancellationToken));

    [HttpGet("new")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) => await FormAsync(new PersonForm(), null, cancellationToken);

    [HttpPost("new")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Create(PersonForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return await FormAsync(form, null, cancellationToken);
        return await HandleAsync(await people.CreateAsync(form.ToFields(), cancellationToken), form, null, cancellationToken);
    }

    [HttpGet("{personId:int}")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Edit(int personId, CancellationToken cancellationToken) =>
        await people.GetForEditingAsync(personId, cancellationToken) is { } person
            ? await FormAsync(PersonForm.From(person), personId, cancellationToken, person.Fields.Name)
            : NotFound();

    [HttpPost("{personId:int}")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Edit(int personId, PersonForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return await FormAsync(form, personId, cancellationToken);
        return await HandleAsync(await people.UpdateAsync(personId, form.ToFields(), form.Version, cancellationToken), form, personId, cancellationToken);
    }

    [HttpGet("{personId:int}/delete")]
    [Authorize(Policy = Policies.EditContent)]
    public Task<IActionResult> Delete(int personId, CancellationToken cancellationToken) => ConfirmDeleteAsync(personId, cancellationToken);

    /// <summary>Deletes the profile once confirmed; a post without the confirmation shows what would be lost instead.</summary>
    [HttpPost("{personId:int}/delete")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Delete(int personId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
            return await ConfirmDeleteAsync(personId, cancellationToken);
        if (await people.DeleteAsync(personId, cancellationToken) is not PersonSave.Saved deleted)
            return NotFound();
        TempData.SetFlashMessage($"Deleted the profile of {deleted.Name}. Articles keep the names they show.");
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> ConfirmDeleteAsync(int personId, CancellationToken cancellationToken)
    {
        if (await people.GetForEditingAsync(personId, cancellationToken) is not { } person)
            return NotFound();
        return View("ConfirmDelete", person);
    }

    private async Task<IActionResult> HandleAsync(PersonSave outcome, PersonForm form, int? personId, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case PersonSave.Saved saved:
                TempData.SetFlashMessage($"Saved the profile of {saved.Name}.");
                return RedirectToAction(nameof(Index));
            case PersonSave.Refused refused:
                ModelState.AddModelError(refused.Field, refused.Message);
                return await FormAsync(form, personId, cancellationToken);
            case PersonSave.Conflict:
                ModelState.AddModelError("", "Someone else saved this profile after you opened it, so your changes were not saved. "
                    + "Open the profile again to see theirs; your text is still in the form below to copy from.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await FormAsync(form, personId, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <param name="savedName">The saved profile's name when the caller has it; read again otherwise (a form sent back).</param>
    private async Task<IActionResult> FormAsync(PersonForm form, int? personId, CancellationToken cancellationToken, string? savedName = null) =>
        View("Form", new PersonFormPage(form, personId, await people.AccountChoicesAsync(cancellationToken))
        {
            Photos = await media.UsableChoicesAsync(cancellationToken),
            SavedName = savedName ?? (personId is { } id ? (await people.GetForEditingAsync(id, cancellationToken))?.Fields.Name : null),
        });
}

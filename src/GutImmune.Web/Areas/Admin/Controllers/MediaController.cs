using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>The media library: images uploaded, described and deleted by those who edit content.</summary>
[Route("admin/media")]
[Authorize(Policy = Policies.EditContent)]
public class MediaController(MediaLibrary library) : AdminController
{
    /// <summary>The largest upload request: the file at its limit and the form's few fields.</summary>
    private const long MaxRequestBytes = ImageProcessing.MaxFileBytes + 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken) =>
        View(new MediaIndexPage(await library.ListAsync(q, cancellationToken), q, new MediaUploadForm()));

    [HttpPost("")]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken cancellationToken)
    {
        if (form.File is null || form.File.Length == 0)
            ModelState.AddModelError(nameof(MediaUploadForm.File), "Choose a JPEG, PNG, WebP or AVIF image to upload.");
        else if (form.File.Length > ImageProcessing.MaxFileBytes)
            ModelState.AddModelError(nameof(MediaUploadForm.File),
                $"The file is {form.File.Length / (1024.0 * 1024):F1} MB; the limit is {ImageProcessing.MaxFileBytes / (1024 * 1024)} MB.");
        if (!ModelState.IsValid)
            return await IndexWithUploadAsync(form, cancellationToken);

        using var content = new MemoryStream((int)form.File!.Length);
        await form.File.CopyToAsync(content, cancellationToken);
        switch (await library.UploadAsync(form.File.FileName, content.ToArray(), form.Details, cancellationToken))
        {
            case MediaSave.Saved saved:
                TempData.SetFlashMessage(string.IsNullOrWhiteSpace(form.AltText)
                    ? $"Uploaded “{saved.FileName}”. Add its alt text before using it."
                    : $"Uploaded “{saved.FileName}”.");
                return RedirectToAction(nameof(Edit), new { imageId = saved.Id });
            case MediaSave.Refused refused:
                ModelState.AddModelError(refused.Field, refused.Message);
                return await IndexWithUploadAsync(form, cancellationToken);
            default:
                return NotFound();
        }
    }

    [HttpGet("{imageId:int}")]
    public async Task<IActionResult> Edit(int imageId, CancellationToken cancellationToken) =>
        await library.GetForEditingAsync(imageId, cancellationToken) is { } media
            ? View(new MediaEditPage(media, MediaEditForm.From(media)))
            : NotFound();

    [HttpPost("{imageId:int}")]
    public async Task<IActionResult> Edit(int imageId, MediaEditForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            switch (await library.UpdateAsync(imageId, form.Details, form.Version, cancellationToken))
            {
                case MediaSave.Saved saved:
                    TempData.SetFlashMessage($"Saved the details of “{saved.FileName}”.");
                    return RedirectToAction(nameof(Edit), new { imageId });
                case MediaSave.Refused refused:
                    ModelState.AddModelError(refused.Field, refused.Message);
                    break;
                case MediaSave.Conflict:
                    ModelState.AddModelError("", "Someone else saved this image’s details after you opened them, so your changes were not saved. "
                        + "Open the image again to see theirs; your text is still in the form below to copy from.");
                    break;
                default:
                    return NotFound();
            }
        }
        return await library.GetForEditingAsync(imageId, cancellationToken) is { } media ? View(new MediaEditPage(media, form)) : NotFound();
    }

    [HttpGet("{imageId:int}/delete")]
    public async Task<IActionResult> Delete(int imageId, CancellationToken cancellationToken) =>
        await library.GetForEditingAsync(imageId, cancellationToken) is { } media ? View("ConfirmDelete", media) : NotFound();

    /// <summary>Deletes the image once confirmed; one in use is refused, with where it is used.</summary>
    [HttpPost("{imageId:int}/delete")]
    public async Task<IActionResult> Delete(int imageId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
            return await Delete(imageId, cancellationToken);
        switch (await library.DeleteAsync(imageId, cancellationToken))
        {
            case MediaSave.Saved deleted:
                TempData.SetFlashMessage($"Deleted “{deleted.FileName}” and its files.");
                return RedirectToAction(nameof(Index));
            case MediaSave.InUse:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await library.GetForEditingAsync(imageId, cancellationToken) is { } media ? View("ConfirmDelete", media) : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> IndexWithUploadAsync(MediaUploadForm form, CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), new MediaIndexPage(await library.ListAsync(null, cancellationToken), null, form));
    }
}

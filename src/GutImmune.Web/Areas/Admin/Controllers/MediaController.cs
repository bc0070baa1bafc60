using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Media;
using GutImmune.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>The media library: images uploaded, described and deleted by those who edit content.</summary>
[Route("admin/media")]
[Authorize(Policy = Policies.EditContent)]
public class MediaController(MediaLibrary library) : AdminController
{
    /// <summary>The largest upload request: the file at its limit and the form's few fields.</summary>
    public const long MaxRequestBytes = ImageProcessing.MaxFileBytes + 1024 * 1024;

    /// <summary>
    /// The request limit of the upload route: a larger upload is answered with the form (<see cref="UploadTooLargeAttribute"/>)
    /// without being read, and the server then reads and discards up to this much of it, so the browser, still sending,
    /// gets that page instead of a closed connection. Beyond it, the connection is closed.
    /// </summary>
    private const long DiscardableRequestBytes = 5 * MaxRequestBytes;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken) =>
        View(new MediaIndexPage(await library.ListAsync(q, cancellationToken), q, new MediaUploadForm()));

    [HttpPost("")]
    [RequestSizeLimit(DiscardableRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [UploadTooLarge]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken cancellationToken)
    {
        if (form.File is null)
            ModelState.AddModelError(nameof(MediaUploadForm.File), "Choose a JPEG, PNG, WebP or AVIF image to upload.");
        else if (form.File.Length == 0)
            ModelState.AddModelError(nameof(MediaUploadForm.File), $"“{form.File.FileName}” is empty (0 bytes): choose the image file itself, or save the image again and upload that file.");
        else if (form.File.Length > ImageProcessing.MaxFileBytes)
            ModelState.AddModelError(nameof(MediaUploadForm.File), ImageProcessing.TooLargeMessage(form.File.Length));
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
            case MediaSave.AlreadyInLibrary existing:
                ModelState.AddModelError(nameof(MediaUploadForm.File), $"This image is already in the library (image {existing.Id}, “{existing.FileName}”): nothing new was added.");
                return await IndexWithUploadAsync(form, cancellationToken, existing);
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
                    Response.StatusCode = StatusCodes.Status409Conflict;
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

    /// <summary>The library page with the upload form refused (400, as every refused form: <see cref="Operations.RefusedFormStatus"/>).</summary>
    /// <param name="existing">The image the upload already is (answered 409, with a link to it).</param>
    private async Task<IActionResult> IndexWithUploadAsync(MediaUploadForm form, CancellationToken cancellationToken, MediaSave.AlreadyInLibrary? existing = null)
    {
        if (existing is not null)
            Response.StatusCode = StatusCodes.Status409Conflict;
        // A browser cannot fill a file box again, so a file refused for another field's sake is lost unless said.
        else if (form.File is { Length: > 0 } file && ModelState.GetFieldValidationState(nameof(MediaUploadForm.File)) != ModelValidationState.Invalid)
            ModelState.AddModelError(nameof(MediaUploadForm.File), $"Choose “{file.FileName}” again: a form shown again cannot keep the file it was sent with.");
        return View(nameof(Index), new MediaIndexPage(await library.ListAsync(null, cancellationToken), null, form) { AlreadyInLibrary = existing });
    }
}

/// <summary>
/// An upload over the route's limit gets the library page again (413) with the size on the file field, like any other
/// refused file, instead of the site's bare 413 page. Its size is the request's declared length (the file and the
/// form's few fields); nothing of it is read.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadTooLargeAttribute : Attribute, IRequestTooLargeAnswer
{
    public long MaxBodyBytes => MediaController.MaxRequestBytes;

    public IActionResult Answer(long declaredLength) => new UploadFormAgain(declaredLength);

    private sealed class UploadFormAgain(long declaredLength) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var services = context.HttpContext.RequestServices;
            var images = await services.GetRequiredService<MediaLibrary>().ListAsync(null, context.HttpContext.RequestAborted);
            context.ModelState.AddModelError(nameof(MediaUploadForm.File), ImageProcessing.TooLargeMessage(declaredLength));
            var page = new MediaIndexPage(images, null, new MediaUploadForm());
            await new ViewResult
            {
                ViewName = nameof(MediaController.Index),
                StatusCode = StatusCodes.Status413PayloadTooLarge,
                ViewData = new ViewDataDictionary<MediaIndexPage>(services.GetRequiredService<IModelMetadataProvider>(), context.ModelState) { Model = page },
            }.ExecuteResultAsync(context);
        }
    }
}

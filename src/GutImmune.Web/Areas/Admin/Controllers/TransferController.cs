using System.Text;
using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Editing;
using GutImmune.Web.Media;
using GutImmune.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Export an article as an article file, and import such a file to create or update an article.</summary>
public class TransferController(ArticleEditor editor, ArticleFileImages images, TimeProvider clock, RevisionHistory history) : ArticleEditingController(history)
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The largest import request: the file at its limit and the form's token.</summary>
    public const long MaxRequestBytes = MaxFileBytes + 64 * 1024;

    /// <summary>
    /// The request limit of the import route: a larger file is answered with the form (<see cref="ImportTooLargeAttribute"/>)
    /// without being read, and the server then reads and discards up to this much of it, so the browser, still sending,
    /// gets that page instead of a closed connection. Beyond it, the connection is closed.
    /// </summary>
    private const long DiscardableRequestBytes = 32 * MaxRequestBytes;

    public static string TooLargeMessage(long bytes) =>
        $"The file is {bytes / (1024.0 * 1024):0.##} MB ({bytes:N0} bytes); the limit is {MaxFileBytes / (1024 * 1024)} MB ({MaxFileBytes:N0} bytes).";

    [HttpGet("/admin/articles/{id:int}/export")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var file = ArticleFileWriter.Write(article, await images.DescribeAsync(article, cancellationToken));
        return File(Encoding.UTF8.GetBytes(file), "application/json", $"{article.Slug}.json");
    }

    [HttpGet("/admin/articles/import")]
    [Authorize(Policy = Policies.EditContent)]
    public IActionResult Import() => View(new ImportPage(null, [], 0));

    [HttpPost("/admin/articles/import")]
    [Authorize(Policy = Policies.EditContent)]
    [RequestSizeLimit(DiscardableRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [ImportTooLarge]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
            return ImportFailed(null, new ContentProblem("Choose an article file (.json) to import."));
        if (file.Length == 0)
            return ImportFailed(file.FileName, new ContentProblem("The file is empty."));
        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(file), TooLargeMessage(file.Length));
            return ImportFailed(file.FileName);
        }

        string json;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            json = await reader.ReadToEndAsync(cancellationToken);
        var result = ArticleFileReader.Read(json, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
            return ImportFailed(file.FileName, result);

        var imported = result.Article!;
        var outcome = await editor.ImportAsync(imported, result.Images, Path.GetFileName(file.FileName), cancellationToken);
        return await HandleAsync(outcome, () =>
        {
            var saved = (EditOutcome.Saved)outcome;
            TempData.SetFlashMessage(saved switch
            {
                { Created: true } => $"Imported “{imported.Title}” as a new article.",
                { Changed: false } => $"“{imported.Title}” already holds what the file holds: nothing changed.",
                _ => $"Updated “{imported.Title}” from the file.",
            });
            return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = saved.ArticleId });
        }, problems => Task.FromResult(ImportFailed(file.FileName, [.. problems])), sent: null, cancellationToken);
    }

    private IActionResult ImportFailed(string? fileName, params ContentProblem[] problems) =>
        ImportFailed(fileName, new ArticleFileReader.Result(null, problems, problems.Length));

    private IActionResult ImportFailed(string? fileName, ArticleFileReader.Result unread)
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Import", new ImportPage(fileName, unread.Problems, unread.ProblemCount));
    }
}

/// <param name="Problems">The problems listed (at most <see cref="ArticleFileReader.MaxListedProblems"/>) of <paramref name="ProblemCount"/>.</param>
public sealed record ImportPage(string? FileName, IReadOnlyList<ContentProblem> Problems, int ProblemCount);

/// <summary>
/// An import over the route's limit gets the import form again (413) with the size on the file field, instead of the
/// site's bare 413 page. Its size is the request's declared length (the file and the form's token); nothing of it is read.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ImportTooLargeAttribute : Attribute, IRequestTooLargeAnswer
{
    public long MaxBodyBytes => TransferController.MaxRequestBytes;

    public IActionResult Answer(long declaredLength) => new ImportFormAgain(declaredLength);

    private sealed class ImportFormAgain(long declaredLength) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.ModelState.AddModelError("file", TransferController.TooLargeMessage(declaredLength));
            var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
            return new ViewResult
            {
                ViewName = "Import",
                StatusCode = StatusCodes.Status413PayloadTooLarge,
                ViewData = new ViewDataDictionary<ImportPage>(metadata, context.ModelState) { Model = new ImportPage(null, [], 0) },
            }.ExecuteResultAsync(context);
        }
    }
}

using System.Text;
using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Editing;
using GutImmune.Web.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Export an article as an article file, and import such a file to create or update an article.</summary>
public class TransferController(ArticleEditor editor, ArticleFileImages images, TimeProvider clock, RevisionHistory history) : ArticleEditingController(history)
{
    public const int MaxFileBytes = 1024 * 1024;

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
    [RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
            return ImportFailed(null, new ContentProblem("Choose an article file (.json) to import."));
        if (file.Length == 0)
            return ImportFailed(file.FileName, new ContentProblem("The file is empty."));
        if (file.Length > MaxFileBytes)
            return ImportFailed(file.FileName, new ContentProblem($"The file is {file.Length / 1024} KB; the limit is {MaxFileBytes / 1024} KB."));

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

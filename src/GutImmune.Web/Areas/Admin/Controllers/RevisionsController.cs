using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/articles/{articleId:int}/revisions")]
public class RevisionsController(RevisionHistory history, ArticleEditor editor) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int articleId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        return View(new RevisionListPage(articleId, article.Title, article.Version, await history.ListAsync(articleId, cancellationToken)));
    }

    [HttpGet("compare")]
    public async Task<IActionResult> Compare(int articleId, int from, int to, CancellationToken cancellationToken)
    {
        var comparison = await history.CompareAsync(articleId, from, to, cancellationToken);
        return comparison is null ? NotFound() : View(comparison);
    }

    [HttpPost("{version:int}/restore")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Restore(int articleId, int version, [FromForm(Name = "CurrentVersion")] int currentVersion, CancellationToken cancellationToken)
    {
        var outcome = await editor.RestoreAsync(articleId, currentVersion, version, cancellationToken);
        return await HandleAsync(outcome, () =>
        {
            TempData["Message"] = outcome is EditOutcome.Saved { Changed: false }
                ? $"Version {version} holds what the article holds now: there was nothing to restore."
                : $"Restored version {version} as a new version.";
            return Redirect($"/admin/articles/{articleId}");
        }, problems =>
        {
            TempData["Message"] = $"Version {version} cannot be restored: " + string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}"));
            return Task.FromResult<IActionResult>(Redirect($"/admin/articles/{articleId}/revisions"));
        }, cancellationToken);
    }
}

public sealed record RevisionListPage(int ArticleId, string ArticleTitle, int CurrentVersion, IReadOnlyList<RevisionHistory.Entry> Revisions);

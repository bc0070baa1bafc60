using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/articles/{articleId:int}/revisions")]
public class RevisionsController(RevisionHistory history, ArticleEditor editor) : ArticleEditingController(history)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int articleId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        return View(new RevisionListPage(articleId, article.Title, article.Version, await History.ListAsync(articleId, cancellationToken)));
    }

    [HttpGet("compare")]
    public async Task<IActionResult> Compare(int articleId, int from, int to, CancellationToken cancellationToken)
    {
        var comparison = await History.CompareAsync(articleId, from, to, cancellationToken);
        return comparison is null ? NotFound() : View(comparison);
    }

    [HttpGet("{version:int}/restore")]
    [Authorize(Policy = Policies.EditContent)]
    public Task<IActionResult> Restore(int articleId, int version, CancellationToken cancellationToken) =>
        ConfirmRestoreAsync(articleId, version, null, cancellationToken);

    /// <summary>Restores the version once confirmed; a post without the confirmation shows what would change instead.</summary>
    [HttpPost("{version:int}/restore")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Restore(int articleId, int version, [FromForm(Name = "CurrentVersion")] int currentVersion,
        [FromForm(Name = ConfirmationPage.ConfirmedField)] bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
            return await ConfirmRestoreAsync(articleId, version, currentVersion, cancellationToken);
        var outcome = await editor.RestoreAsync(articleId, currentVersion, version, cancellationToken);
        return await HandleAsync(outcome, () =>
        {
            TempData.SetFlashMessage(outcome is EditOutcome.Saved { Changed: false }
                ? $"Version {version} holds what the article holds now: there was nothing to restore."
                : $"Restored version {version} as a new version.");
            return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = articleId });
        }, problems =>
        {
            TempData.SetFlashMessage($"Version {version} cannot be restored: " + string.Join(" ", problems.Select(p => p.Described)));
            return Task.FromResult<IActionResult>(RedirectToAction(nameof(Index), new { articleId }));
        }, new { CurrentVersion = currentVersion, Confirmed = true }, cancellationToken);
    }

    private async Task<IActionResult> ConfirmRestoreAsync(int articleId, int version, int? currentVersion, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        var changes = await History.CompareAsync(articleId, article.Version, version, cancellationToken);
        if (changes is null)
            return NotFound();
        var restored = changes.To;
        var isCurrent = version == article.Version;
        IReadOnlyList<string> consequences = isCurrent
            ? [$"Version {version} is the current version, so restoring it would change nothing."]
            :
            [
                $"The article’s content goes back to version {version} ({restored.Description}, by {restored.Author} on {restored.At:yyyy-MM-dd HH:mm} UTC).",
                $"Every change made since is undone in the article: the lines marked − below are what goes. It is saved as version {article.Version + 1}; "
                    + "the versions in between stay in the history, so the restore can itself be undone.",
            ];
        return View("Confirm", new ConfirmationPage(articleId, article.Title, $"Restore version {version}?", consequences,
            Url.Action(nameof(Restore), new { articleId, version })!,
            new Dictionary<string, string> { ["CurrentVersion"] = (currentVersion ?? article.Version).ToString() },
            isCurrent ? null : "Restore this version",
            Url.Action(nameof(Index), new { articleId })!,
            isCurrent ? null : changes));
    }
}

public sealed record RevisionListPage(int ArticleId, string ArticleTitle, int CurrentVersion, IReadOnlyList<RevisionHistory.Entry> Revisions);

using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// The content checks outside the article's edit page: the checks of a Markdown text as it is typed (wwwroot/js/admin.js),
/// "no citation needed" marks, and the site-wide content report.
/// </summary>
public class ContentChecksController(ContentChecker checker, ArticleEditor editor, RevisionHistory history) : ArticleEditingController(history)
{
    [HttpGet("/admin/content-report")]
    public async Task<IActionResult> Report(string? sort, string? direction, CancellationToken cancellationToken) =>
        View(ContentReportPage.Sorted(await checker.ReportAsync(cancellationToken), sort, direction));

    [HttpPost("/admin/articles/{id:int}/content-checks/field")]
    [CalledFromScript]
    [Authorize(Policy = Policies.EditContent)]
    [RequestSizeLimit(256 * 1024)]
    public async Task<IActionResult> Field(int id, [FromForm] string? markdown, CancellationToken cancellationToken)
    {
        var text = markdown ?? "";
        if (text.Length > ContentLimits.Markdown)
            return PartialView("_FieldChecks", null);
        var result = await checker.CheckFieldAsync(id, text, cancellationToken);
        return result is null ? NotFound() : PartialView("_FieldChecks", result);
    }

    [HttpPost("/admin/articles/{id:int}/content-checks/marks")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Mark(int id, NoCitationNeededForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return BackToPanel(id, string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        var outcome = await editor.EditAsync(id, form.Version, "Marked a claim “no citation needed”", article =>
        {
            // A mark for a text that is no uncited claim would be stored and never shown.
            if (!Claims.Of(article).Any(c => c.Cited.Count == 0 && c.Text == form.Claim.Trim()))
                return [new ContentProblem($"“{Claims.Excerpt(form.Claim.Trim())}” is not an uncited claim of this article (it may have changed since the page was shown): nothing was marked.")];
            article.NoCitationNeeded.RemoveAll(m => m.Claim == form.Claim.Trim());
            article.NoCitationNeeded.Add(new NoCitationNeeded(form.Claim.Trim(), form.Reason.Trim()));
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToPanel(id, "The claim is marked “no citation needed”; the mark is kept in the article’s revisions."),
            problems => Task.FromResult(BackToPanel(id, string.Join(" ", problems.Select(p => p.Described)))), form, cancellationToken);
    }

    [HttpPost("/admin/articles/{id:int}/content-checks/marks/remove")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Unmark(int id, int version, string? claim, CancellationToken cancellationToken)
    {
        var outcome = await editor.EditAsync(id, version, "Removed a “no citation needed” mark", article =>
        {
            article.NoCitationNeeded.RemoveAll(m => m.Claim == claim?.Trim());
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToPanel(id, "The mark was removed: the claim is listed as uncited again."),
            problems => Task.FromResult(BackToPanel(id, string.Join(" ", problems.Select(p => p.Described)))),
            new { Version = version, Claim = claim }, cancellationToken);
    }

    private IActionResult BackToPanel(int id, string message)
    {
        TempData.SetFlashMessage(message);
        return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id }, "content-checks-heading");
    }
}

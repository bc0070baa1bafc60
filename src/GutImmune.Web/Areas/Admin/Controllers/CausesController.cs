using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Causes of cause-list sections: add, edit, delete, reorder, move to another section.</summary>
[Route("admin/articles/{articleId:int}/causes")]
[Authorize(Policy = Policies.EditContent)]
public class CausesController(ArticleEditor editor, MarkdownPreview preview) : AdminController
{
    private static readonly IReadOnlyDictionary<string, (string, string)> Fields = new Dictionary<string, (string, string)>
    {
        [".title"] = (nameof(CauseForm.Title), "The title"),
        [".description"] = (nameof(CauseForm.Description), "The description"),
    };

    [HttpGet("new")]
    public Task<IActionResult> Create(int articleId, int sectionId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, null, new CauseForm { SectionId = sectionId }, cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> Create(int articleId, CauseForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, null, form, cancellationToken, intent == "preview");
        var path = "";
        var outcome = await editor.EditAsync(articleId, form.Version, $"Added the cause “{form.Title}”", article =>
        {
            var section = article.FindSection(form.SectionId);
            if (section is not { Kind: SectionKind.CauseList })
                return [new ContentProblem(nameof(CauseForm.SectionId), "Choose a cause-list section for the cause.")];
            section.Causes.Add(new Cause { Title = form.Title.Trim(), Description = form.Description.Trim() });
            path = $"sections[{article.Sections.IndexOf(section)}].causes[{section.Causes.Count - 1}]";
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, $"Added the cause “{form.Title}”."),
            problems => Reshow(articleId, null, form, problems, path, cancellationToken), cancellationToken);
    }

    [HttpGet("{causeId:int}")]
    public async Task<IActionResult> Edit(int articleId, int causeId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article?.FindCause(causeId) is not (var section, var cause))
            return NotFound();
        var form = new CauseForm { Version = article.Version, SectionId = section.Id, Title = cause.Title, Description = cause.Description };
        return await ShowAsync(articleId, causeId, form, cancellationToken);
    }

    [HttpPost("{causeId:int}")]
    public async Task<IActionResult> Edit(int articleId, int causeId, CauseForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, causeId, form, cancellationToken, intent == "preview");
        var path = "";
        var outcome = await editor.EditAsync(articleId, form.Version, $"Edited the cause “{form.Title}”", article =>
        {
            if (article.FindCause(causeId) is not (var from, var cause))
                return [new ContentProblem("", "This cause no longer exists.")];
            var to = article.FindSection(form.SectionId);
            if (to is not { Kind: SectionKind.CauseList })
                return [new ContentProblem(nameof(CauseForm.SectionId), "Choose a cause-list section for the cause.")];
            cause.Title = form.Title.Trim();
            cause.Description = form.Description.Trim();
            if (to != from)
            {
                from.Causes.Remove(cause);
                to.Causes.Add(cause);
            }
            path = $"sections[{article.Sections.IndexOf(to)}].causes[{to.Causes.IndexOf(cause)}]";
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, $"Saved the cause “{form.Title}”."),
            problems => Reshow(articleId, causeId, form, problems, path, cancellationToken), cancellationToken);
    }

    [HttpPost("{causeId:int}/move")]
    public async Task<IActionResult> Move(int articleId, int causeId, int version, int offset, CancellationToken cancellationToken)
    {
        var sectionId = 0;
        var outcome = await editor.EditAsync(articleId, version, "Reordered causes", article =>
        {
            if (article.FindCause(causeId) is not (var section, var cause))
                return [new ContentProblem("", "This cause no longer exists.")];
            sectionId = section.Id;
            return SectionsController.MoveQuietly(section.Causes, cause, offset);
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, sectionId, "Moved the cause."),
            problems => Task.FromResult(BackToSection(articleId, sectionId, string.Join(" ", problems.Select(p => p.Message)))), cancellationToken);
    }

    [HttpPost("{causeId:int}/delete")]
    public async Task<IActionResult> Delete(int articleId, int causeId, int version, CancellationToken cancellationToken)
    {
        var sectionId = 0;
        var outcome = await editor.EditAsync(articleId, version, "Deleted a cause", article =>
        {
            if (article.FindCause(causeId) is not (var section, var cause))
                return [new ContentProblem("", "This cause no longer exists.")];
            sectionId = section.Id;
            section.Causes.Remove(cause);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome,
            () => BackToSection(articleId, sectionId, "Deleted the cause. To undo, restore the previous version under Revisions."),
            problems => Task.FromResult(BackToSection(articleId, sectionId, string.Join(" ", problems.Select(p => p.Message)))), cancellationToken);
    }

    private IActionResult BackToSection(int articleId, int sectionId, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/articles/{articleId}/sections/{sectionId}#items-heading");
    }

    private Task<IActionResult> Reshow(int articleId, int? causeId, CauseForm form, IReadOnlyList<ContentProblem> problems, string path,
        CancellationToken cancellationToken)
    {
        AddProblems(problems, path.Length > 0 ? path : "\0", Fields);
        return ShowAsync(articleId, causeId, form, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int articleId, int? causeId, CauseForm form, CancellationToken cancellationToken, bool withPreview = false)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        if (form.Version == 0)
            form.Version = article.Version;
        var sections = article.Sections.Where(s => s.Kind == SectionKind.CauseList).Select(s => (s.Id, s.Heading)).ToList();
        var previewHtml = withPreview ? (await preview.RenderAsync(articleId, form.Description, cancellationToken)).Html : null;
        return View("Edit", new ItemEditPage<CauseForm>(articleId, article.Title, causeId, form, sections, previewHtml));
    }
}

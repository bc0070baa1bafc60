using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Facts of fact-list sections: add, edit, delete, reorder, move to another section.</summary>
[Route("admin/articles/{articleId:int}/facts")]
[Authorize(Policy = Policies.EditContent)]
public class FactsController(ArticleEditor editor, MarkdownPreview preview) : AdminController
{
    [HttpGet("new")]
    public Task<IActionResult> Create(int articleId, int sectionId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, null, new FactForm { SectionId = sectionId }, cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> Create(int articleId, FactForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, null, form, cancellationToken, intent == "preview");
        var path = "";
        var outcome = await editor.EditAsync(articleId, form.Version, "Added a fact to a section", article =>
        {
            var section = article.FindSection(form.SectionId);
            if (section is not { Kind: SectionKind.FactList })
                return [new ContentProblem(nameof(FactForm.SectionId), "Choose a fact-list section for the fact.")];
            section.Facts.Add(new Fact { Text = form.Text.Trim() });
            path = $"sections[{article.Sections.IndexOf(section)}].facts[{section.Facts.Count - 1}]";
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, "Added the fact."),
            problems => Reshow(articleId, null, form, problems, path, cancellationToken), cancellationToken);
    }

    [HttpGet("{factId:int}")]
    public async Task<IActionResult> Edit(int articleId, int factId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article?.FindFact(factId) is not (var section, var fact))
            return NotFound();
        return await ShowAsync(articleId, factId, new FactForm { Version = article.Version, SectionId = section.Id, Text = fact.Text }, cancellationToken);
    }

    [HttpPost("{factId:int}")]
    public async Task<IActionResult> Edit(int articleId, int factId, FactForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, factId, form, cancellationToken, intent == "preview");
        var path = "";
        var description = "Edited a fact";
        var outcome = await editor.EditAsync(articleId, form.Version, () => description, article =>
        {
            if (article.FindFact(factId) is not (var from, var fact))
                return [new ContentProblem("", "This fact no longer exists.")];
            description = $"Edited fact {from.Facts.IndexOf(fact) + 1} of “{from.Heading}”";
            var to = article.FindSection(form.SectionId);
            if (to is not { Kind: SectionKind.FactList })
                return [new ContentProblem(nameof(FactForm.SectionId), "Choose a fact-list section for the fact.")];
            fact.Text = form.Text.Trim();
            if (to != from)
            {
                from.Facts.Remove(fact);
                to.Facts.Add(fact);
            }
            path = $"sections[{article.Sections.IndexOf(to)}].facts[{to.Facts.IndexOf(fact)}]";
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, "Saved the fact."),
            problems => Reshow(articleId, factId, form, problems, path, cancellationToken), cancellationToken);
    }

    [HttpPost("{factId:int}/move")]
    public async Task<IActionResult> Move(int articleId, int factId, int version, int offset, CancellationToken cancellationToken)
    {
        var sectionId = 0;
        var outcome = await editor.EditAsync(articleId, version, "Reordered facts", article =>
        {
            if (article.FindFact(factId) is not (var section, var fact))
                return [new ContentProblem("", "This fact no longer exists.")];
            sectionId = section.Id;
            return SectionsController.MoveQuietly(section.Facts, fact, offset);
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, sectionId, "Moved the fact."),
            problems => Task.FromResult(BackToSection(articleId, sectionId, string.Join(" ", problems.Select(p => p.Message)))), cancellationToken);
    }

    [HttpPost("{factId:int}/delete")]
    public async Task<IActionResult> Delete(int articleId, int factId, int version, CancellationToken cancellationToken)
    {
        var sectionId = 0;
        var outcome = await editor.EditAsync(articleId, version, "Deleted a fact", article =>
        {
            if (article.FindFact(factId) is not (var section, var fact))
                return [new ContentProblem("", "This fact no longer exists.")];
            sectionId = section.Id;
            section.Facts.Remove(fact);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome,
            () => BackToSection(articleId, sectionId, "Deleted the fact. To undo, restore the previous version under Revisions."),
            problems => Task.FromResult(BackToSection(articleId, sectionId, string.Join(" ", problems.Select(p => p.Message)))), cancellationToken);
    }

    private IActionResult BackToSection(int articleId, int sectionId, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/articles/{articleId}/sections/{sectionId}#items-heading");
    }

    private Task<IActionResult> Reshow(int articleId, int? factId, FactForm form, IReadOnlyList<ContentProblem> problems, string path,
        CancellationToken cancellationToken)
    {
        AddProblems(problems, path.Length > 0 ? path : "\0", new Dictionary<string, (string, string)> { [""] = (nameof(FactForm.Text), "The fact") });
        return ShowAsync(articleId, factId, form, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int articleId, int? factId, FactForm form, CancellationToken cancellationToken, bool withPreview = false)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        if (form.Version == 0)
            form.Version = article.Version;
        var sections = article.Sections.Where(s => s.Kind == SectionKind.FactList).Select(s => (s.Id, s.Heading)).ToList();
        var previewHtml = withPreview ? (await preview.RenderAsync(articleId, form.Text, cancellationToken)).Html : null;
        return View("Edit", new ItemEditPage<FactForm>(articleId, article.Title, factId, form, sections, previewHtml));
    }
}

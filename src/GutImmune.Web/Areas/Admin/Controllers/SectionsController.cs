using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/articles/{articleId:int}/sections")]
[Authorize(Policy = Policies.EditContent)]
public class SectionsController(ArticleEditor editor, MarkdownPreview preview, AuditLog audit, RevisionHistory history)
    : ArticleEditingController(history)
{
    [HttpGet("new")]
    public Task<IActionResult> Create(int articleId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, null, null, cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> Create(int articleId, SectionForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, null, form, cancellationToken, intent == "preview");
        var index = -1;
        var outcome = await editor.EditAsync(articleId, form.Version, () => $"Added the section “{form.Heading}”", TargetPart.New(PartKind.Section), article =>
        {
            var section = new Section { Slug = "", Heading = "" };
            form.ApplyTo(section);
            article.Sections.Add(section);
            index = article.Sections.Count - 1;
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToArticle(articleId, $"Added the section “{form.Heading}”."),
            problems => Reshow(articleId, null, form, problems, index, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    [HttpGet("{sectionId:int}")]
    public Task<IActionResult> Edit(int articleId, int sectionId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, sectionId, null, cancellationToken);

    [HttpPost("{sectionId:int}")]
    public async Task<IActionResult> Edit(int articleId, int sectionId, SectionForm form, string? intent, CancellationToken cancellationToken)
    {
        await AcceptFieldsAsStoredAsync(editor, articleId, a => a.FindSection(sectionId) is { } s ? SectionForm.From(s, a.Version) : null, cancellationToken);
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, sectionId, form, cancellationToken, intent == "preview");
        var index = -1;
        var outcome = await editor.EditAsync(articleId, form.Version, () => $"Edited the section “{form.Heading}”", Part(sectionId), article =>
        {
            if (article.FindSection(sectionId) is not { } section)
                return [Gone()];
            index = article.Sections.IndexOf(section);
            form.ApplyTo(section);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToArticle(articleId, $"Saved the section “{form.Heading}”."),
            problems => Reshow(articleId, sectionId, form, problems, index, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    [HttpPost("{sectionId:int}/move")]
    public async Task<IActionResult> Move(int articleId, int sectionId, int version, int offset, CancellationToken cancellationToken)
    {
        var outcome = await editor.EditAsync(articleId, version, () => "Reordered the sections", Part(sectionId), article =>
        {
            if (article.FindSection(sectionId) is not { } section)
                return [Gone()];
            article.Sections.Move(section, Math.Sign(offset));
            return null;
        }, cancellationToken);
        // A conflict (the order changed since in another way) offers no "keep mine": a move is only ever made on an order seen.
        return await HandleAsync(outcome, () => BackToArticle(articleId, MovedMessage(outcome, "section")),
            problems => Task.FromResult(BackToArticle(articleId, string.Join(" ", problems.Select(p => p.Message)))),
            sent: null, cancellationToken);
    }

    [HttpGet("{sectionId:int}/delete")]
    public Task<IActionResult> Delete(int articleId, int sectionId, CancellationToken cancellationToken) =>
        ConfirmDeleteAsync(articleId, sectionId, null, cancellationToken);

    /// <summary>Deletes the section once confirmed; a post without the confirmation shows what would be lost instead.</summary>
    [HttpPost("{sectionId:int}/delete")]
    public async Task<IActionResult> Delete(int articleId, int sectionId, int version, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
            return await ConfirmDeleteAsync(articleId, sectionId, version, cancellationToken);
        string? heading = null;
        var outcome = await editor.EditAsync(articleId, version, () => "Deleted a section", Part(sectionId), article =>
        {
            if (article.FindSection(sectionId) is not { } section)
                return [Gone()];
            heading = section.Heading;
            article.Sections.Remove(section);
            audit.Add(AuditLog.Actions.Deleted, $"section “{section.Heading}” of article “{article.Title}”",
                $"{section.Facts.Count} facts, {section.Causes.Count} causes");
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome,
            () => BackToArticle(articleId, $"Deleted the section “{heading}”. To undo, restore the previous version under Revisions."),
            problems => Task.FromResult(BackToArticle(articleId, "The section could not be deleted: " + string.Join(" ", problems.Select(p => p.Described)))),
            new { Version = version, Confirmed = true }, cancellationToken);
    }

    private async Task<IActionResult> ConfirmDeleteAsync(int articleId, int sectionId, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article?.FindSection(sectionId) is not { } section)
            return NotFound();
        var contents = section.Kind switch
        {
            SectionKind.FactList => $"its text and its {section.Facts.Count} facts",
            SectionKind.CauseList => $"its text and its {section.Causes.Count} causes",
            _ => "its text",
        };
        return View("Confirm", new ConfirmationPage(articleId, article.Title, $"Delete the section “{section.Heading}”?",
            [
                $"The section “{section.Heading}” is removed from the article with {contents}; its address stops working for readers.",
                "Citation markers in it go too; the references themselves stay.",
                "To undo it later, restore the version before the deletion under Revisions.",
            ],
            Url.Action(nameof(Delete), new { articleId, sectionId })!,
            new Dictionary<string, string> { ["Version"] = (version ?? article.Version).ToString() },
            "Delete the section",
            Url.Action(nameof(ArticlesController.Edit), "Articles", new { id = articleId }, null, null, "sections-heading")!));
    }

    private static TargetPart Part(int sectionId) => new(PartKind.Section, sectionId);

    /// <summary>The refusal of a change to a section the article it is tried on lacks (in a merge, the version the editor started from).</summary>
    private static ContentProblem Gone() => new("This section no longer exists.");

    /// <summary>What the editor typed, offered to add (again) as a new section when a save since deleted it or added it already.</summary>
    private ConflictPage.TypedPart Typed(int articleId, SectionForm form) =>
        new($"Section ‘{form.Heading}’", form.Body ?? "", Url.Action(nameof(Create), new { articleId })!);

    private IActionResult BackToArticle(int articleId, string message)
    {
        TempData.SetFlashMessage(message);
        return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = articleId }, "sections-heading");
    }

    private Task<IActionResult> Reshow(int articleId, int? sectionId, SectionForm form, IReadOnlyList<ContentProblem> problems, int index,
        CancellationToken cancellationToken)
    {
        AddProblems(problems, place => place is ContentPlace.Section { Field: { } part } section && section.Index == index
            ? SectionForm.FieldFor(part)
            : null);
        return ShowAsync(articleId, sectionId, form, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int articleId, int? sectionId, SectionForm? form, CancellationToken cancellationToken, bool withPreview = false)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        var section = sectionId is { } id ? article?.FindSection(id) : null;
        if (article is null || (sectionId is not null && section is null && form is null))
            return NotFound();
        if (sectionId is { } missing && section is null)
            return await PartConflictPageAsync(await editor.MissingPartAsync(article, form!.Version, Part(missing), cancellationToken),
                Typed(articleId, form), form, cancellationToken);
        form ??= section is null ? new SectionForm { Version = article.Version } : SectionForm.From(section, article.Version);
        var previewHtml = withPreview ? (await preview.RenderAsync(articleId, form.Body ?? "", cancellationToken)).Html : null;
        return View("Edit", new SectionEditPage(articleId, article.Title, sectionId, form, section, previewHtml));
    }
}

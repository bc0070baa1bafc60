using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import.References;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>An article's numbered references. Renumbering and deleting keep every citation marker pointing at the same work.</summary>
[Route("admin/articles/{articleId:int}/citations")]
[Authorize(Policy = Policies.EditContent)]
public class CitationsController(ArticleEditor editor, AuditLog audit, RevisionHistory history, TimeProvider clock) : ArticleEditingController(history)
{
    [HttpGet("new")]
    public Task<IActionResult> Create(int articleId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, null, null, cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> Create(int articleId, CitationForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return await ShowAsync(articleId, null, form, cancellationToken);
        var (outcome, added) = await AddAsync(articleId, form, cancellationToken);
        return await HandleAsync(outcome, () => BackToArticle(articleId, $"Added reference {form.Number}."),
            problems => Reshow(articleId, null, form, problems, added.Index, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    /// <summary>The article's references for the citation picker of its Markdown fields (wwwroot/js/markdown-toolbar.js).</summary>
    [HttpGet("picker")]
    [CalledFromScript]
    public async Task<IActionResult> Picker(int articleId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        return article is null ? NotFound() : Json(CitationPickerList.Of(article));
    }

    /// <summary>
    /// Adds a reference from the citation picker: the same checks and messages as the form (a 400 with each problem on
    /// its field), a 409 when someone changed the references meanwhile or added the same one, else the new reference with its number.
    /// </summary>
    [HttpPost("picker")]
    [CalledFromScript]
    public async Task<IActionResult> Picker(int articleId, [FromBody] CitationForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return ValidationProblem(ModelState);
        var (outcome, added) = await AddAsync(articleId, form, cancellationToken);
        switch (outcome)
        {
            case EditOutcome.Saved saved:
                return Json(new CitationPickerAdded(saved.Version, CitationPickerChoice.Of(added.Citation!)));
            case EditOutcome.Invalid invalid:
                foreach (var problem in invalid.Problems)
                {
                    var field = problem.Place is ContentPlace.Citation { Field: { } part } place && place.Index == added.Index
                        ? CitationForm.FieldFor(part)
                        : null;
                    ModelState.AddModelError(field?.Property ?? "", problem.Message);
                }
                return ValidationProblem(ModelState);
            case EditOutcome.Conflict:
                return Problem("Someone changed this article’s references meanwhile. Close the dialog and open it again to see them.",
                    statusCode: StatusCodes.Status409Conflict);
            case EditOutcome.AddedAlready:
                return Problem("This reference was added already (by someone else, or by this dialog sent twice); it was not added again. "
                    + "Close the dialog and open it again to see it.", statusCode: StatusCodes.Status409Conflict);
            default:
                return NotFound();
        }
    }

    /// <summary>Inserts a new reference at the form's number (at most one past the last); later references and their markers move up.</summary>
    private async Task<(EditOutcome Outcome, (int Index, Citation? Citation) Added)> AddAsync(int articleId, CitationForm form,
        CancellationToken cancellationToken)
    {
        (int Index, Citation? Citation) added = (-1, null);
        var outcome = await editor.EditAsync(articleId, form.Version, () => $"Added reference {form.Number}", TargetPart.New(PartKind.Reference), article =>
        {
            var number = Math.Min(form.Number, article.Citations.Count + 1);
            CitationMarkers.MakeRoom(article, number);
            var citation = new Citation { Number = number, Title = "" };
            form.ApplyTo(citation);
            article.Citations.Add(citation);
            article.Citations.Sort((a, b) => a.Number.CompareTo(b.Number));
            added = (article.Citations.IndexOf(citation), citation);
            return null;
        }, cancellationToken);
        return (outcome, added);
    }

    [HttpGet("import")]
    public Task<IActionResult> Import(int articleId, CancellationToken cancellationToken) =>
        ShowImportAsync(articleId, null, [], cancellationToken);

    /// <summary>Adds every pasted reference at the end of the list in one revision, or none of them when any record is wrong.</summary>
    [HttpPost("import")]
    public async Task<IActionResult> Import(int articleId, ReferenceImportForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return await ShowImportAsync(articleId, form, [], cancellationToken);
        var read = ReferenceListReader.Read(form.Text, clock.GetUtcNow().Year);
        if (!read.Succeeded)
        {
            // What is wrong with the text as a whole goes on its field; each bad record is listed with its position.
            foreach (var problem in read.Problems.Where(p => p.Where == ReferenceListReader.WholeText))
                ModelState.AddModelError(nameof(form.Text), problem.Message);
            return await ShowImportAsync(articleId, form, read.Problems.Where(p => p.Where != ReferenceListReader.WholeText).Select(p => p.ToString()).ToList(),
                cancellationToken);
        }
        var first = 0;
        var description = $"Imported {read.References.Count} reference{(read.References.Count == 1 ? "" : "s")} ({read.Format})";
        var outcome = await editor.EditAsync(articleId, form.Version, () => description, TargetPart.New(PartKind.Reference), article =>
        {
            first = article.Citations.Count;
            foreach (var (citation, i) in read.References.Select((c, i) => (c, i)))
            {
                citation.Number = first + i + 1;
                article.Citations.Add(citation);
            }
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome,
            () => BackToArticle(articleId, read.References.Count == 1
                ? $"Imported reference {first + 1}."
                : $"Imported references {first + 1}–{first + read.References.Count}."),
            problems => ShowImportAsync(articleId, form, problems.Select(p => p.Place is ContentPlace.Citation { Index: var index } place && index >= first
                ? $"Record {index - first + 1}{(place.Field is { } field ? ", " + field.ToString().ToLowerInvariant() : "")}: {p.Message}"
                : p.Described).ToList(), cancellationToken),
            form, new ConflictPage.TypedPart("References pasted", form.Text, Url.Action(nameof(Import), new { articleId })!), cancellationToken);
    }

    [HttpGet("{citationId:int}")]
    public Task<IActionResult> Edit(int articleId, int citationId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, citationId, null, cancellationToken);

    [HttpPost("{citationId:int}")]
    public async Task<IActionResult> Edit(int articleId, int citationId, CitationForm form, CancellationToken cancellationToken)
    {
        await AcceptFieldsAsStoredAsync(editor, articleId, a => a.Citations.Find(c => c.Id == citationId) is { } c ? CitationForm.From(c, a.Version) : null, cancellationToken);
        if (!ModelState.IsValid)
            return await ShowAsync(articleId, citationId, form, cancellationToken);
        var index = -1;
        var outcome = await editor.EditAsync(articleId, form.Version, () => "Edited a reference", Part(citationId), article =>
        {
            if (article.Citations.Find(c => c.Id == citationId) is not { } citation)
                return [Gone()];
            var to = Math.Min(form.Number, article.Citations.Count);
            if (to != citation.Number)
                CitationMarkers.Renumber(article, citation.Number, to);
            form.ApplyTo(citation);
            index = article.Citations.IndexOf(citation);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToArticle(articleId, $"Saved reference {form.Number}; citation markers follow its number."),
            problems => Reshow(articleId, citationId, form, problems, index, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    [HttpGet("{citationId:int}/delete")]
    public Task<IActionResult> Delete(int articleId, int citationId, CancellationToken cancellationToken) =>
        ConfirmDeleteAsync(articleId, citationId, null, cancellationToken);

    /// <summary>Deletes the reference once confirmed; a post without the confirmation shows what would be lost instead.</summary>
    [HttpPost("{citationId:int}/delete")]
    public async Task<IActionResult> Delete(int articleId, int citationId, int version, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
            return await ConfirmDeleteAsync(articleId, citationId, version, cancellationToken);
        var outcome = await editor.EditAsync(articleId, version, () => "Deleted a reference", Part(citationId), article =>
        {
            if (article.Citations.Find(c => c.Id == citationId) is not { } citation)
                return [Gone()];
            var citedBy = CitationMarkers.PlacesCiting(article, citation.Number);
            if (citedBy.Count > 0)
                return [new ContentProblem($"Reference {citation.Number} is still cited, so it was not deleted. Remove the citations first: {string.Join("; ", citedBy)}.")];
            article.Citations.Remove(citation);
            CitationMarkers.CloseGap(article, citation.Number);
            audit.Add(AuditLog.Actions.Deleted, $"reference {citation.Number} of article “{article.Title}”", $"{citation.Authors} {citation.Title}");
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome,
            () => BackToArticle(articleId, "Deleted the reference; the references after it moved up one number, and their citations with them."),
            problems => Task.FromResult(BackToArticle(articleId, string.Join(" ", problems.Select(p => p.Message)))),
            new { Version = version, Confirmed = true }, cancellationToken);
    }

    private async Task<IActionResult> ConfirmDeleteAsync(int articleId, int citationId, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article?.Citations.Find(c => c.Id == citationId) is not { } citation)
            return NotFound();
        var citedBy = CitationMarkers.PlacesCiting(article, citation.Number);
        var reference = $"Reference {citation.Number}: {Reading.AmaStyle.FormatText(citation)}";
        IReadOnlyList<string> consequences = citedBy.Count > 0
            ?
            [
                reference,
                $"It is still cited, so it cannot be deleted. Remove the citations first: {string.Join("; ", citedBy)}.",
            ]
            :
            [
                $"{reference} is removed from the article’s reference list.",
                "The references after it move up one number, and the citation markers that point at them follow.",
                "To undo it later, restore the version before the deletion under Revisions.",
            ];
        return View("Confirm", new ConfirmationPage(articleId, article.Title, $"Delete reference {citation.Number}?", consequences,
            Url.Action(nameof(Delete), new { articleId, citationId })!,
            new Dictionary<string, string> { ["Version"] = (version ?? article.Version).ToString() },
            citedBy.Count > 0 ? null : "Delete the reference",
            Url.Action(nameof(ArticlesController.Edit), "Articles", new { id = articleId }, null, null, "references-heading")!));
    }

    private static TargetPart Part(int citationId) => new(PartKind.Reference, citationId);

    /// <summary>The refusal of a change to a reference the article it is tried on lacks (in a merge, the version the editor started from).</summary>
    private static ContentProblem Gone() => new("This reference no longer exists.");

    /// <summary>What the editor typed, offered to add (again) as a new reference when a save since deleted it or added it already.</summary>
    private ConflictPage.TypedPart Typed(int articleId, CitationForm form)
    {
        var citation = new Citation { Number = form.Number, Title = "" };
        form.ApplyTo(citation);
        return new($"Reference {form.Number}", Reading.AmaStyle.FormatText(citation), Url.Action(nameof(Create), new { articleId })!);
    }

    private IActionResult BackToArticle(int articleId, string message)
    {
        TempData.SetFlashMessage(message);
        return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = articleId }, "references-heading");
    }

    private Task<IActionResult> Reshow(int articleId, int? citationId, CitationForm form, IReadOnlyList<ContentProblem> problems, int index,
        CancellationToken cancellationToken)
    {
        AddProblems(problems, place => place is ContentPlace.Citation { Field: { } part } citation && citation.Index == index
            ? CitationForm.FieldFor(part)
            : null);
        return ShowAsync(articleId, citationId, form, cancellationToken);
    }

    private async Task<IActionResult> ShowImportAsync(int articleId, ReferenceImportForm? form, IReadOnlyList<string> problems,
        CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        return View("Import", new ReferenceImportPage(articleId, article.Title, form ?? new ReferenceImportForm { Version = article.Version }, problems));
    }

    private async Task<IActionResult> ShowAsync(int articleId, int? citationId, CitationForm? form, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        var citation = citationId is { } id ? article?.Citations.Find(c => c.Id == id) : null;
        if (article is null || (citationId is not null && citation is null && form is null))
            return NotFound();
        if (citationId is { } missing && citation is null)
            return await PartConflictPageAsync(await editor.MissingPartAsync(article, form!.Version, Part(missing), cancellationToken),
                Typed(articleId, form), form, cancellationToken);
        form ??= citation is null
            ? new CitationForm { Version = article.Version, Number = article.Citations.Count + 1 }
            : CitationForm.From(citation, article.Version);
        return View("Edit", new CitationEditPage(articleId, article.Title, citationId, form, article.Citations.Count, citation?.Number));
    }
}

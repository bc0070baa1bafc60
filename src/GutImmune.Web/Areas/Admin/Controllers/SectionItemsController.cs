using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// The items of list sections (facts of fact lists, causes of cause lists): add, edit, delete, reorder, and move to
/// another section of the same kind. A subclass says which items, and how its form maps onto one.
/// </summary>
[Authorize(Policy = Policies.EditContent)]
public abstract class SectionItemsController<TItem, TForm>(ArticleEditor editor, MarkdownPreview preview, RevisionHistory history, AuditLog audit)
    : ArticleEditingController(history)
    where TItem : class
    where TForm : SectionItemForm, new()
{
    /// <summary>The section kind that holds these items.</summary>
    protected abstract SectionKind Kind { get; }

    /// <summary>What the item is called in messages: "fact", "cause".</summary>
    protected abstract string Noun { get; }

    /// <summary>The field of the form that shows a problem at <paramref name="place"/> when the item is <paramref name="index"/> of section <paramref name="section"/>.</summary>
    protected abstract FormField? FieldFor(ContentPlace place, int section, int index);

    protected abstract List<TItem> ItemsOf(Section section);

    protected abstract int IdOf(TItem item);

    protected abstract TItem NewItem(TForm form);

    protected abstract void Apply(TForm form, TItem item);

    protected abstract TForm FormFor(TItem item);

    /// <summary>How a revision names the item, e.g. the cause's title in quotes; null when the item has no name.</summary>
    protected abstract string? Label(TItem item);

    /// <summary>The Markdown the form's preview renders.</summary>
    protected abstract string PreviewMarkdown(TForm form);

    /// <summary>Everything the editor typed in the form, as one text to copy.</summary>
    protected virtual string TypedText(TForm form) => PreviewMarkdown(form);

    [HttpGet("new")]
    public Task<IActionResult> Create(int articleId, int sectionId, CancellationToken cancellationToken) =>
        ShowAsync(articleId, null, new TForm { SectionId = sectionId }, cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> Create(int articleId, TForm form, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, null, form, cancellationToken, intent == "preview");
        (int Section, int Index)? position = null;
        var description = $"Added a {Noun}";
        var outcome = await editor.EditAsync(articleId, form.Version, () => description, TargetPart.New(PartKindOfItems), article =>
        {
            if (SectionFor(article, form) is not { } section)
                return [WrongSection()];
            var item = NewItem(form);
            ItemsOf(section).Add(item);
            description = $"Added the {Noun}{(Label(item) is { } label ? " " + label : "")} to “{section.Heading}”";
            position = PositionOf(article, section, item);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, $"Added the {Noun}."),
            problems => ReshowAsync(articleId, null, form, problems, position, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    [HttpGet("{itemId:int}")]
    public async Task<IActionResult> Edit(int articleId, int itemId, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null || Find(article, itemId) is not (var section, var item))
            return NotFound();
        var form = FormFor(item);
        form.Version = article.Version;
        form.SectionId = section.Id;
        return await ShowAsync(articleId, itemId, form, cancellationToken);
    }

    [HttpPost("{itemId:int}")]
    public async Task<IActionResult> Edit(int articleId, int itemId, TForm form, string? intent, CancellationToken cancellationToken)
    {
        await AcceptFieldsAsStoredAsync(editor, articleId, a => Find(a, itemId) is (_, var item) ? FormFor(item) : null, cancellationToken);
        if (intent == "preview" || !ModelState.IsValid)
            return await ShowAsync(articleId, itemId, form, cancellationToken, intent == "preview");
        (int Section, int Index)? position = null;
        var description = $"Edited a {Noun}";
        var outcome = await editor.EditAsync(articleId, form.Version, () => description, Part(itemId), article =>
        {
            if (Find(article, itemId) is not (var from, var item))
                return [Gone()];
            description = $"Edited {Noun} {ItemsOf(from).IndexOf(item) + 1} of “{from.Heading}”";
            if (SectionFor(article, form) is not { } to)
                return [WrongSection()];
            Apply(form, item);
            if (to != from)
            {
                ItemsOf(from).Remove(item);
                ItemsOf(to).Add(item);
            }
            position = PositionOf(article, to, item);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, form.SectionId, $"Saved the {Noun}."),
            problems => ReshowAsync(articleId, itemId, form, problems, position, cancellationToken), form, Typed(articleId, form), cancellationToken);
    }

    /// <remarks>A conflict (the order changed since in another way) offers no "keep mine": a move is only ever made on an order seen.</remarks>
    [HttpPost("{itemId:int}/move")]
    public Task<IActionResult> Move(int articleId, int itemId, int version, int offset, CancellationToken cancellationToken) =>
        ChangeInPlaceAsync(articleId, itemId, version, $"Reordered the {Noun}s of a section", outcome => MovedMessage(outcome, Noun),
            (_, section, item) => ItemsOf(section).Move(item, Math.Sign(offset)), sent: null, cancellationToken);

    [HttpGet("{itemId:int}/delete")]
    public Task<IActionResult> Delete(int articleId, int itemId, CancellationToken cancellationToken) =>
        ConfirmDeleteAsync(articleId, itemId, null, cancellationToken);

    /// <summary>Deletes the item once confirmed; a post without the confirmation shows what would be lost instead.</summary>
    [HttpPost("{itemId:int}/delete")]
    public Task<IActionResult> Delete(int articleId, int itemId, int version, bool confirmed, CancellationToken cancellationToken) => confirmed
        ? ChangeInPlaceAsync(articleId, itemId, version, $"Deleted a {Noun}",
            _ => $"Deleted the {Noun}. To undo, restore the previous version under Revisions.",
            (article, section, item) =>
            {
                audit.Add(AuditLog.Actions.Deleted, $"{Noun} {ItemsOf(section).IndexOf(item) + 1} of “{section.Heading}” in article “{article.Title}”",
                    PreviewMarkdown(FormFor(item)) is var text && text.Length <= 300 ? text : text[..300] + "…");
                ItemsOf(section).Remove(item);
            }, new { Version = version, Confirmed = true }, cancellationToken)
        : ConfirmDeleteAsync(articleId, itemId, version, cancellationToken);

    private async Task<IActionResult> ConfirmDeleteAsync(int articleId, int itemId, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null || Find(article, itemId) is not (var section, var item))
            return NotFound();
        var name = $"{Noun} {ItemsOf(section).IndexOf(item) + 1}{(Label(item) is { } label ? " " + label : "")}";
        var text = PreviewMarkdown(FormFor(item));
        return View("Confirm", new ConfirmationPage(articleId, article.Title, $"Delete {name} of “{section.Heading}”?",
            [
                $"Its text is removed from the article: “{(text.Length <= 300 ? text : text[..300] + "…")}”",
                $"The {Noun}s after it move up one place.",
                "To undo it later, restore the version before the deletion under Revisions.",
            ],
            Url.Action(nameof(Delete), new { articleId, itemId })!,
            new Dictionary<string, string> { ["Version"] = (version ?? article.Version).ToString() },
            $"Delete the {Noun}",
            Url.Action(nameof(SectionsController.Edit), "Sections", new { articleId, sectionId = section.Id }, null, null, "items-heading")!));
    }

    /// <summary>A change to an item's list that needs no form (reorder, delete); back to its section either way.</summary>
    private async Task<IActionResult> ChangeInPlaceAsync(int articleId, int itemId, int version, string description,
        Func<EditOutcome, string> done, Action<Article, Section, TItem> change, object? sent, CancellationToken cancellationToken)
    {
        var sectionId = 0;
        var outcome = await editor.EditAsync(articleId, version, () => description, Part(itemId), article =>
        {
            if (Find(article, itemId) is not (var section, var item))
                return [Gone()];
            sectionId = section.Id;
            change(article, section, item);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => BackToSection(articleId, sectionId, done(outcome)),
            problems => Task.FromResult(BackToSection(articleId, sectionId, string.Join(" ", problems.Select(p => p.Message)))), sent, cancellationToken);
    }

    private (Section Section, TItem Item)? Find(Article article, int itemId) => article.Sections
        .SelectMany(s => ItemsOf(s).Select(item => (s, item)))
        .Cast<(Section, TItem)?>()
        .FirstOrDefault(pair => IdOf(pair!.Value.Item2) == itemId);

    private Section? SectionFor(Article article, TForm form) =>
        article.FindSection(form.SectionId) is { } section && section.Kind == Kind ? section : null;

    private (int Section, int Index) PositionOf(Article article, Section section, TItem item) =>
        (article.Sections.IndexOf(section), ItemsOf(section).IndexOf(item));

    /// <summary>The refusal of a section that does not exist (any more) or holds other items; it is shown on the section choice.</summary>
    private ContentProblem WrongSection() => new($"Choose a {SectionKinds.Name(Kind).ToLowerInvariant()} section for the {Noun}.");

    private ContentProblem Gone() => new($"This {Noun} no longer exists.");

    private PartKind PartKindOfItems => Kind == SectionKind.CauseList ? PartKind.Cause : PartKind.Fact;

    private TargetPart Part(int itemId) => new(PartKindOfItems, itemId);

    /// <summary>What the editor typed, offered to add (again) as a new item when a save since deleted it or added it already.</summary>
    private ConflictPage.TypedPart Typed(int articleId, TForm form) =>
        new(char.ToUpperInvariant(Noun[0]) + Noun[1..], TypedText(form), Url.Action(nameof(Create), new { articleId })!);

    /// <param name="sectionId">0 when no section is known: back to the article then.</param>
    private IActionResult BackToSection(int articleId, int sectionId, string message)
    {
        TempData.SetFlashMessage(message);
        if (sectionId == 0)
            return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = articleId });
        return RedirectToAction(nameof(SectionsController.Edit), "Sections", new { articleId, sectionId }, "items-heading");
    }

    /// <param name="position">Where the item was when the save was refused; null when it was refused before the item was placed.</param>
    private Task<IActionResult> ReshowAsync(int articleId, int? itemId, TForm form, IReadOnlyList<ContentProblem> problems,
        (int Section, int Index)? position, CancellationToken cancellationToken)
    {
        var wrongSection = WrongSection();
        if (problems.Contains(wrongSection))
            ModelState.AddModelError(nameof(SectionItemForm.SectionId), wrongSection.Message);
        AddProblems(problems.Where(p => p != wrongSection),
            place => position is var (section, index) ? FieldFor(place, section, index) : null);
        return ShowAsync(articleId, itemId, form, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int articleId, int? itemId, TForm form, CancellationToken cancellationToken, bool withPreview = false)
    {
        var article = await editor.LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return NotFound();
        if (itemId is { } missing && Find(article, missing) is null)
            return await PartConflictPageAsync(await editor.MissingPartAsync(article, form.Version, Part(missing), cancellationToken),
                Typed(articleId, form), form, cancellationToken);
        if (form.Version == 0)
            form.Version = article.Version;
        var sections = article.Sections.Where(s => s.Kind == Kind).Select(s => (s.Id, s.Heading)).ToList();
        var previewHtml = withPreview ? (await preview.RenderAsync(articleId, PreviewMarkdown(form), cancellationToken)).Html : null;
        var savedLabel = itemId is { } id && Find(article, id) is (_, var saved) ? Label(saved) : null;
        return View("Edit", new ItemEditPage<TForm>(articleId, article.Title, itemId, form, sections, previewHtml) { SavedLabel = savedLabel });
    }
}

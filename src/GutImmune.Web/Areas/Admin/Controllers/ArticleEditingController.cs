using System.Globalization;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// Base of the controllers that change articles: the shared handling of save outcomes (field messages, conflict page,
/// 404), given everything it needs by its caller.
/// </summary>
public abstract class ArticleEditingController(RevisionHistory history) : AdminController
{
    private const string ConflictView = "~/Areas/Admin/Views/Revisions/Conflict.cshtml";

    /// <summary>The article's versions: what the conflict page compares.</summary>
    protected RevisionHistory History { get; } = history;

    /// <summary>
    /// Puts each problem on the form field <paramref name="fieldFor"/> finds for its place; the rest go to the summary
    /// at the top of the form, led by their place in words.
    /// </summary>
    protected void AddProblems(IEnumerable<ContentProblem> problems, Func<ContentPlace, FormField?> fieldFor)
    {
        foreach (var problem in problems)
        {
            if (fieldFor(problem.Place) is { } field)
                ModelState.AddModelError(field.Property, ArticleForm.Sentence(field.Label, problem.Message));
            else
                ModelState.AddModelError("", problem.Described);
        }
    }

    /// <summary>The form's fields a rule refused, with the text sent (not those whose text could not be read as their type).</summary>
    protected List<(string Key, string? Sent)> RefusedAsSent() =>
        [.. ModelState.Where(e => e.Value!.Errors.Count > 0 && e.Value.Errors.All(error => error.Exception is null)).Select(e => (e.Key, e.Value!.AttemptedValue))];

    /// <summary>
    /// When the form was refused, takes back the refusal of each field that holds what the stored article holds there
    /// (<paramref name="storedForm"/>: the same form as the stored part fills it; null when the part is gone). A rule such
    /// a field breaks is a problem the article already had, which a save of the form's other fields does not bring: the
    /// save judges it by its own rule (ArticleEditor), as the writing page's fields sent as stored.
    /// </summary>
    protected async Task AcceptFieldsAsStoredAsync(ArticleEditor editor, int articleId, Func<Article, object?> storedForm,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid || await editor.LoadForEditingAsync(articleId, cancellationToken) is not { } article
            || storedForm(article) is not { } stored)
            return;
        AcceptAsStored(RefusedAsSent()
            .Where(f => stored.GetType().GetProperty(f.Key) is { } property && ArticleForm.SentAsStored(f.Sent, property.GetValue(stored)))
            .Select(f => f.Key));
    }

    /// <summary>Takes back the form's refusal of the fields <paramref name="keys"/> (sent as stored: the save judges them).</summary>
    protected void AcceptAsStored(IEnumerable<string> keys)
    {
        foreach (var key in keys.ToList())
        {
            ModelState[key]!.Errors.Clear();
            ModelState[key]!.ValidationState = ModelValidationState.Valid;
        }
    }


    /// <summary>
    /// Maps a save outcome to a response: <paramref name="saved"/> on success, the re-shown form when invalid, the
    /// conflict page when someone else changed the same fields first. <paramref name="sent"/> is what the editor posted
    /// (the bound form, or an object with the posted values as properties), which the conflict page offers to send again;
    /// null when it cannot be sent again from a page (a file upload).
    /// </summary>
    protected Task<IActionResult> HandleAsync(EditOutcome outcome, Func<IActionResult> saved,
        Func<IReadOnlyList<ContentProblem>, Task<IActionResult>> invalid, object? sent, CancellationToken cancellationToken) =>
        HandleAsync(outcome, saved, invalid, sent, typed: null, cancellationToken);

    /// <summary>
    /// As above, for a change to one part of the article: when a save since deleted the part, or added the part this change
    /// adds, the conflict page says so and shows <paramref name="typed"/> (null for a change without a form: move, delete)
    /// with a form that adds it (again).
    /// </summary>
    protected async Task<IActionResult> HandleAsync(EditOutcome outcome, Func<IActionResult> saved,
        Func<IReadOnlyList<ContentProblem>, Task<IActionResult>> invalid, object? sent, ConflictPage.TypedPart? typed,
        CancellationToken cancellationToken) => outcome switch
    {
        EditOutcome.Saved => saved(),
        EditOutcome.Invalid { SinceOpened: true } i => await WithStatusAsync(invalid(i.Problems), StatusCodes.Status409Conflict),
        EditOutcome.Invalid i => await invalid(i.Problems),
        EditOutcome.Conflict c => await ConflictPageAsync(c, sent, cancellationToken),
        EditOutcome.StepRefused r => await StepRefusedAsync(r, invalid),
        EditOutcome.PartRefused => await PartConflictPageAsync(outcome, typed, sent, cancellationToken),
        _ => NotFound(),
    };

    private async Task<IActionResult> WithStatusAsync(Task<IActionResult> page, int status)
    {
        var shown = await page;
        Response.StatusCode = status;
        return shown;
    }

    /// <summary>
    /// What a move of a <paramref name="noun"/> did: a move sent again, or one a save since already made, changes nothing.
    /// </summary>
    protected static string MovedMessage(EditOutcome outcome, string noun) => outcome is EditOutcome.Saved { Changed: false }
        ? $"Nothing had changed: the {noun} is already in that place; nothing was saved."
        : $"Moved the {noun}.";

    /// <summary>
    /// A refused workflow step: the page <paramref name="invalid"/> shows with why, answered 403 when the person may not
    /// take the step, 409 when the article's state does not allow it.
    /// </summary>
    protected async Task<IActionResult> StepRefusedAsync(EditOutcome.StepRefused refused, Func<IReadOnlyList<ContentProblem>, Task<IActionResult>> invalid)
    {
        var page = await invalid([new ContentProblem(refused.Message)]);
        Response.StatusCode = refused.ForRole ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        return page;
    }

    /// <summary>
    /// The page shown when someone else saved the article first and changed what this editor changed: their value
    /// beside the editor's, and a form that sends the editor's values again against the current version (its citation
    /// markers in that version's numbering, as the page shows them), so that keeping them is a deliberate choice. Nothing
    /// typed is lost.
    /// </summary>
    private async Task<IActionResult> ConflictPageAsync(EditOutcome.Conflict conflict, object? sent, CancellationToken cancellationToken)
    {
        var changes = await History.CompareAsync(conflict.ArticleId, conflict.ExpectedVersion, conflict.CurrentVersion, cancellationToken);
        var resend = sent is null ? null : FieldsOf(sent, conflict.CurrentVersion, conflict.Numbering);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(ConflictView, new ConflictPage(conflict, changes,
            resend is null ? null : $"{Request.PathBase}{Request.Path}{Request.QueryString}", resend ?? []));
    }

    /// <summary>
    /// The page for a change to one part of the article that <paramref name="outcome"/> refused: someone deleted the part
    /// after the editor opened the article (<see cref="EditOutcome.PartGone"/>), or added the part this change adds
    /// (<see cref="EditOutcome.AddedAlready"/>). It is the conflict page with the saves since (who, when, what), what the
    /// editor typed (<paramref name="typed"/>, null for a change without a form) and a form that adds it as a new part
    /// (sending <paramref name="sent"/>), so that nothing typed is lost. Any other outcome: 404 (the part never was there).
    /// </summary>
    protected async Task<IActionResult> PartConflictPageAsync(EditOutcome outcome, ConflictPage.TypedPart? typed, object? sent,
        CancellationToken cancellationToken)
    {
        if (outcome is not EditOutcome.PartRefused (var articleId, var startedVersion, var currentVersion, var part) refused)
            return NotFound();
        var addedAlready = refused is EditOutcome.AddedAlready;
        var noun = PartKinds.Noun(part);
        var savesSince = (await History.ListAsync(articleId, cancellationToken)).Where(e => e.Version > startedVersion).Reverse().ToList();
        var conflict = new EditOutcome.Conflict(articleId, startedVersion, currentVersion, typed is null ? []
            : [new ConflictingField(noun, typed.Label, addedAlready ? "(added already)" : "(deleted)", typed.Text, EditorChangedIt: true)]);
        var changes = await History.CompareAsync(articleId, startedVersion, currentVersion, cancellationToken);
        var addAgain = typed is not null && sent is not null;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(ConflictView, new ConflictPage(conflict, changes, addAgain ? typed!.AddAction : null,
            addAgain ? FieldsOf(sent!, currentVersion, numbering: null) : [], new ConflictPage.PartConflict(noun, addedAlready, savesSince)));
    }

    /// <summary>
    /// The values of <paramref name="sent"/> as a form posts them, with the version it started from moved on to the current
    /// one, and its texts that cite references put in that version's numbering by <paramref name="numbering"/>.
    /// </summary>
    private static List<KeyValuePair<string, string>> FieldsOf(object sent, int currentVersion, ReferenceNumbering? numbering) =>
        sent.GetType().GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, Value: p.GetValue(sent), CitesReferences: p.IsDefined(typeof(CitesReferencesAttribute), inherit: true)))
            .Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Name,
                IsVersionField(p.Name) ? currentVersion.ToString(CultureInfo.InvariantCulture)
                : p.CitesReferences && numbering is not null ? numbering.Renumber((string)p.Value!)
                : FormValue(p.Value!)))
            .ToList();

    /// <summary>The field that carries the version an editor started from (restore's form names it CurrentVersion).</summary>
    private static bool IsVersionField(string name) => name is "Version" or "CurrentVersion";

    /// <summary>A value as an input posts it, so that model binding reads it back the same.</summary>
    private static string FormValue(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

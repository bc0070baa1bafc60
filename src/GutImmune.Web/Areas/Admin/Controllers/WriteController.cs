using System.Globalization;
using System.Security.Claims;
using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Editing;
using GutImmune.Web.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// The writing page: the whole working copy on one form (details, sections with their facts or causes, references),
/// saved as one revision through <see cref="ArticleEditor"/>. Without JavaScript its block buttons post the whole form
/// and come back with the blocks changed (nothing saved); with it they work in place. What is typed is autosaved into
/// the editor's <see cref="PendingChanges"/> and offered back when the page is opened again.
/// </summary>
[Route("admin/articles/{id:int}/write")]
[Authorize(Policy = Policies.EditContent)]
public class WriteController(ArticleEditor editor, PendingChanges pending, MediaLibrary media, ContentChecker checker, RevisionHistory history)
    : ArticleEditingController(history)
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    [HttpGet("")]
    public async Task<IActionResult> Index(int id, bool restore, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var kept = await pending.FindAsync(id, EditorId, cancellationToken);
        if (restore && kept is not null)
        {
            var (details, blocks) = await BindAsync(kept.Fields);
            return await ShowAsync(article, details, blocks, offer: null, conflicts: null,
                $"Restored your unsaved changes from {kept.SavedAt:yyyy-MM-dd HH:mm} UTC.", cancellationToken);
        }
        return await ShowAsync(article, ArticleForm.From(article), ArticleBlocksForm.From(article), kept, conflicts: null, null, cancellationToken);
    }

    /// <summary>Saves the page as one revision, or (with <paramref name="change"/>, a block button) shows it again with that change made.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Index(int id, [Bind(Prefix = "")] ArticleForm details, [Bind(Prefix = "")] ArticleBlocksForm blocks,
        string? change, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        if (change is not null)
        {
            ModelState.Clear();
            var (announcement, changed) = blocks.Change(change) ?? ("That button no longer applies; nothing changed.", null);
            return await ShowAsync(article, details, blocks, offer: null, conflicts: null, announcement, cancellationToken, changed);
        }
        // A field sent as stored is judged by the save's own rule for problems the article already had, not refused here.
        AcceptAsStored(blocks.SentAsStored(RefusedAsSent(), details, article));
        if (!ModelState.IsValid)
            return await ShowAsync(article, details, blocks, offer: null, conflicts: null, null, cancellationToken);

        var outcome = await editor.EditAsync(id, details.Version, "Wrote the article on its writing page", a =>
        {
            details.ApplyTo(a);
            return blocks.ApplyTo(a);
        }, blocks.Shown(), cancellationToken);
        switch (outcome)
        {
            case EditOutcome.Saved saved:
                await pending.DiscardAsync(id, EditorId, cancellationToken);
                TempData.SetFlashMessage(saved.Changed ? $"Saved the article as version {saved.Version}." : "Nothing had changed; nothing was saved.");
                return RedirectToAction(nameof(Index), new { id });
            case EditOutcome.Invalid invalid:
                // Refused in a merge with what others saved since: the page shows that merge, which the problems are about.
                if (invalid.Merged is { } refusedMerge)
                {
                    ModelState.Clear();
                    (details, blocks) = (ArticleForm.From(refusedMerge), ArticleBlocksForm.From(refusedMerge));
                    details.Version = refusedMerge.Version;
                    ModelState.AddModelError("", "Someone else saved this article while you were writing: the page now shows their changes with yours. Nothing was saved.");
                }
                AddProblems(invalid.Problems, ArticleBlocksForm.FieldFor);
                // The refused change was tried on the loaded article; the page shows (and checks) the one stored.
                var stored = await editor.LoadForEditingAsync(id, cancellationToken);
                var shown = await ShowAsync(stored!, details, blocks, offer: null, conflicts: null, null, cancellationToken);
                if (invalid.SinceOpened)
                    Response.StatusCode = StatusCodes.Status409Conflict;
                return shown;
            case EditOutcome.Conflict conflict:
                // The page shows the merge: everything others saved, with this editor's text in the fields both changed (theirs
                // beside it on each block), so that saving again is the deliberate choice on those fields and nothing else.
                if (conflict.Merged is { } merged)
                {
                    ModelState.Clear();
                    (details, blocks) = (ArticleForm.From(merged), ArticleBlocksForm.From(merged));
                }
                details.Version = conflict.CurrentVersion;
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.Remove(nameof(ArticleForm.Version));
                var reloaded = await editor.LoadForEditingAsync(id, cancellationToken);
                return await ShowAsync(reloaded!, details, blocks, offer: null,
                    conflict.Fields.GroupBy(f => ArticleBlocksForm.BlockOf(f.Key)).ToDictionary(g => g.Key, g => g.ToList()), null, cancellationToken);
            case EditOutcome.AddedAlready { Merged: { } withoutCopy } added:
                // A page sent again (a double click, a reload): the page shows the merge, with the part once and the rest of the editor's changes.
                ModelState.Clear();
                (details, blocks) = (ArticleForm.From(withoutCopy), ArticleBlocksForm.From(withoutCopy));
                details.Version = added.CurrentVersion;
                ModelState.AddModelError("", $"The same {PartKinds.Noun(added.Part)} was added after you opened this page (you started from version {added.ExpectedVersion}; it is now at version {added.CurrentVersion}): by someone else, or by this page sent before (a double click or a reload sends it again). It was not added a second time; the page now shows the article with it once and the rest of your changes. Nothing was saved.");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ShowAsync((await editor.LoadForEditingAsync(id, cancellationToken))!, details, blocks, offer: null, conflicts: null, null, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>
    /// Autosave: keeps the page's fields as posted as the editor's pending change (not a revision). Answers JSON; with
    /// an expired sign-in, a role that may not or a stale token it answers JSON too (<see cref="CalledFromScriptAttribute"/>).
    /// </summary>
    [HttpPost("pending")]
    [CalledFromScript]
    public async Task<IActionResult> Keep(int id, CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        if (!int.TryParse(form[nameof(ArticleForm.Version)], NumberStyles.None, CultureInfo.InvariantCulture, out var baseVersion))
            return BadRequest(new { error = "The page's version is missing." });
        var fields = form.Where(f => f.Key is not AntiforgeryField and not "change")
            .SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList();
        if (fields.Sum(f => f.Key.Length + f.Value.Length) > PendingChange.MaxFormLength)
            return BadRequest(new { error = "The page holds more text than an article may; it was not kept." });
        if (await pending.KeepAsync(id, EditorId, baseVersion, fields, cancellationToken) is not { } savedAt)
            return NotFound(new { error = "This article no longer exists." });
        return Json(new { savedAt = DateTime.SpecifyKind(savedAt, DateTimeKind.Utc) });
    }

    [HttpPost("pending/discard")]
    public async Task<IActionResult> Discard(int id, CancellationToken cancellationToken)
    {
        await pending.DiscardAsync(id, EditorId, cancellationToken);
        TempData.SetFlashMessage("Discarded your unsaved changes.");
        return RedirectToAction(nameof(Index), new { id });
    }

    private string EditorId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? EditorName;

    /// <summary>Binds kept fields as if they had been posted: the page as the editor left it.</summary>
    private async Task<(ArticleForm, ArticleBlocksForm)> BindAsync(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var values = new FormCollection(fields.GroupBy(f => f.Key)
            .ToDictionary(g => g.Key, g => new Microsoft.Extensions.Primitives.StringValues(g.Select(f => f.Value).ToArray())));
        var provider = new FormValueProvider(BindingSource.Form, values, CultureInfo.InvariantCulture);
        var details = new ArticleForm();
        var blocks = new ArticleBlocksForm();
        await TryUpdateModelAsync(details, "", provider);
        await TryUpdateModelAsync(blocks, "", provider);
        // What was kept is shown as typed; problems with it are the save's to find.
        ModelState.Clear();
        return (details, blocks);
    }

    private async Task<IActionResult> ShowAsync(Article article, ArticleForm details, ArticleBlocksForm blocks, PendingChanges.Kept? offer,
        Dictionary<string, List<ConflictingField>>? conflicts, string? announcement, CancellationToken cancellationToken, string? changedBlock = null)
    {
        details.HeroChoices = await media.UsableChoicesAsync(cancellationToken);
        return View("Index", new WritePage(article.Id, article.Title, article.Version, details, blocks, offer, conflicts ?? [], announcement,
            BlockChecks.Of(article, checker.Check(article)), changedBlock));
    }
}

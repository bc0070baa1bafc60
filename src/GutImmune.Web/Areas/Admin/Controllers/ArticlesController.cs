using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Editing;
using GutImmune.Web.LinkChecking;
using GutImmune.Web.Media;
using GutImmune.Web.People;
using GutImmune.Web.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/articles")]
public class ArticlesController(ArticleEditor editor, ArticleWorkflow workflow, EditorialQueries queries, ReviewLinks reviewLinks, TimeProvider clock,
    RevisionHistory history, ReviewDiscussion discussion, MediaLibrary media, ContentChecker checker, LinkCheckReport linkChecks)
    : ArticleEditingController(history)
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ArticleListQuery query, CancellationToken cancellationToken)
    {
        var (filter, ignored) = query.Read();
        var (rows, hasNext) = await queries.ListArticlesAsync(filter, cancellationToken);
        return View(new ArticleListPage(filter, ignored, rows, hasNext, clock.GetUtcNow().UtcDateTime));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) => View(await WithHeroChoicesAsync(new ArticleForm(), cancellationToken));

    [HttpPost("new")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Create(ArticleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return View(await WithHeroChoicesAsync(form, cancellationToken));
        var article = new Article { Slug = "", Title = "", Summary = "", AuthorName = "", Status = ArticleStatus.Draft };
        form.ApplyTo(article);
        return await HandleAsync(await editor.CreateAsync(article, "Created the article", cancellationToken),
            saved: () => RedirectToAction(nameof(Edit), new { id = article.Id }),
            invalid: async problems =>
            {
                AddProblems(problems, ArticleForm.FieldFor);
                return View(await WithHeroChoicesAsync(form, cancellationToken));
            }, form, cancellationToken);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        return article is null ? NotFound() : View(await EditPageAsync(article, ArticleForm.From(article), cancellationToken));
    }

    [HttpPost("{id:int}")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Edit(int id, ArticleForm form, CancellationToken cancellationToken)
    {
        await AcceptFieldsAsStoredAsync(editor, id, ArticleForm.From, cancellationToken);
        if (!ModelState.IsValid)
            return await ReshowAsync(id, form, cancellationToken);
        var outcome = await editor.EditAsync(id, form.Version, "Edited the article’s details", article =>
        {
            form.ApplyTo(article);
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => Saved(id, "The article’s details were saved."), problems =>
        {
            AddProblems(problems, ArticleForm.FieldFor);
            return ReshowAsync(id, form, cancellationToken);
        }, form, cancellationToken);
    }

    /// <summary>A workflow step; who may take which, from where, is <see cref="EditorialWorkflow"/>'s to say.</summary>
    [HttpPost("{id:int}/status")]
    public async Task<IActionResult> ChangeStatus(int id, StatusForm form, CancellationToken cancellationToken)
    {
        if (form.Step is not { } step)
        {
            // A crafted or outdated form: say so on the article's page rather than answering a bare 400.
            ModelState.Clear();
            ModelState.AddModelError("", "That is not a step of the editorial workflow: nothing was changed. Use the buttons on this page.");
            return await ReshowAsync(id, null, cancellationToken);
        }
        if (EditorialWorkflow.RefusedToRoles(step, User.IsInRole) is { } refusal)
            return await StepRefusedAsync(new EditOutcome.StepRefused(refusal.Message, refusal.ForRole), problems =>
            {
                ModelState.Clear();
                ModelState.AddModelError("", problems[0].Message);
                return ReshowAsync(id, null, cancellationToken);
            });
        if (step == WorkflowStep.Unpublish && !form.Confirmed)
            return await ConfirmUnpublishAsync(id, form.Version, cancellationToken);
        // A publication time already past would date the article before it was published (readers see that date).
        if (form.PublishAt is { } publishAt && DateTime.SpecifyKind(publishAt, DateTimeKind.Utc) < clock.GetUtcNow().UtcDateTime.AddMinutes(-1))
            ModelState.AddModelError(nameof(form.PublishAt), "The publication time has passed: choose a time to come, or leave it empty to publish now.");
        if (!ModelState.IsValid)
            return await ReshowAsync(id, null, cancellationToken, status: form);

        var outcome = step == WorkflowStep.RequestChanges
            ? await workflow.RequestChangesAsync(id, form.Version, User, form.ChangesSummary, cancellationToken)
            : await workflow.TakeStepAsync(id, form.Version, step, User, form.PublishAt, form.OverrideReason, form.ChangeNote, cancellationToken);
        var done = ArticleWorkflow.Done(step, form.PublishAt, clock.GetUtcNow().UtcDateTime);
        // Submitting again with threads still open is allowed; the editor is told how many the reviewer will find.
        if (step == WorkflowStep.Submit && outcome is EditOutcome.Saved && await discussion.OpenThreadCountAsync(id, cancellationToken) is > 0 and var open)
            done += open == 1 ? " 1 review comment thread is still open." : $" {open} review comment threads are still open.";
        return await HandleAsync(outcome, () => Saved(id, done), problems =>
        {
            foreach (var problem in problems)
            {
                if (problem.Message == ArticleWorkflow.NothingToChange)
                    ModelState.AddModelError(nameof(form.ChangesSummary), problem.Message);
                else if (problem.Message == ArticleWorkflow.ChangeNoteMissing)
                    ModelState.AddModelError(nameof(form.ChangeNote), problem.Message);
                else if (problem.Message == ArticleWorkflow.OverrideReasonMissing)
                    ModelState.AddModelError(nameof(form.OverrideReason), problem.Message);
                else
                    ModelState.AddModelError("", Refusal(step, problem));
            }
            return ReshowAsync(id, null, cancellationToken, status: form);
        }, form, cancellationToken);
    }

    /// <summary>Why a step was refused, in words: a refusal of the workflow as it is, a problem of the content led by its place.</summary>
    private static string Refusal(WorkflowStep step, ContentProblem problem) =>
        problem.Place is ContentPlace.Whole ? problem.Message : $"“{EditorialWorkflow.Name(step)}” was refused: {ArticleForm.InWords(problem)}";


    [HttpGet("{id:int}/unpublish")]
    [Authorize(Policy = Policies.EditContent)]
    public Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken) => ConfirmUnpublishAsync(id, null, cancellationToken);

    private async Task<IActionResult> ConfirmUnpublishAsync(int id, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var state = EditorialWorkflow.StateOf(article, clock.GetUtcNow().UtcDateTime);
        var published = await editor.UnpublishedChangesAsync(article, cancellationToken) is not null;
        IReadOnlyList<string> consequences = published
            ?
            [
                state == EditorialState.Scheduled
                    ? $"It will not be published at {article.PublishedAt:yyyy-MM-dd HH:mm} UTC as scheduled."
                    : $"Readers can no longer open “{article.Title}” at /articles/{article.Slug}; it leaves the home page, topics, search, the sitemap and the feed.",
                "Its content and revisions stay: publish it again at any time.",
            ]
            : [$"“{article.Title}” is not published, so there is nothing to unpublish."];
        return View("Confirm", new ConfirmationPage(id, article.Title, $"Unpublish “{article.Title}”?", consequences,
            Url.Action(nameof(ChangeStatus), new { id })!,
            new Dictionary<string, string> { [nameof(StatusForm.Version)] = (version ?? article.Version).ToString(), [nameof(StatusForm.Step)] = "unpublish" },
            published ? "Unpublish the article" : null,
            Url.Action(nameof(Edit), new { id })!));
    }

    [HttpGet("{id:int}/discard")]
    [Authorize(Policy = Policies.EditContent)]
    public Task<IActionResult> Discard(int id, CancellationToken cancellationToken) => ConfirmDiscardAsync(id, null, cancellationToken);

    /// <summary>Gives the working copy back the content readers see, after a confirmation page that lists what is dropped.</summary>
    [HttpPost("{id:int}/discard")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Discard(int id, DiscardForm form, CancellationToken cancellationToken)
    {
        if (!form.Confirmed)
            return await ConfirmDiscardAsync(id, form.Version, cancellationToken);
        return await HandleAsync(await editor.DiscardChangesAsync(id, form.Version, cancellationToken),
            () => Saved(id, "The changes not yet published were discarded: the article is as readers see it."), problems =>
            {
                foreach (var problem in problems)
                    ModelState.AddModelError("", $"The changes cannot be discarded: {problem.Described}");
                return ReshowAsync(id, null, cancellationToken);
            }, form, cancellationToken);
    }

    private async Task<IActionResult> ConfirmDiscardAsync(int id, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var changes = await editor.UnpublishedChangesAsync(article, cancellationToken);
        IReadOnlyList<string> consequences = changes switch
        {
            null => [$"“{article.Title}” is not published, so there is no published version to go back to."],
            [] => ["The article has no changes that are not yet published."],
            _ => [.. changes.Select(c => $"{c.Label}: back to “{c.Published}” (the change to “{c.WorkingCopy}” is dropped)."),
                "The dropped changes stay in the revisions, from where they can be restored."],
        };
        return View("Confirm", new ConfirmationPage(id, article.Title, $"Discard the changes to “{article.Title}” not yet published?", consequences,
            Url.Action(nameof(Discard), new { id })!,
            new Dictionary<string, string> { [nameof(DiscardForm.Version)] = (version ?? article.Version).ToString() },
            changes is [_, ..] ? "Discard the changes" : null,
            Url.Action(nameof(Edit), new { id })!));
    }

    [HttpPost("{id:int}/review")]
    [Authorize(Policy = Policies.ReviewContent)]
    public async Task<IActionResult> SignOffReview(int id, ReviewForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return await ReshowAsync(id, null, cancellationToken, form);
        var reviewer = User.GetDisplayName() ?? EditorName;
        var outcome = await workflow.SignOffAsync(id, form.Version, User, reviewer, form.ReviewedOn!.Value, form.NextReviewDue!.Value, cancellationToken);
        return await HandleAsync(outcome, () => Saved(id, "The medical review was signed off."), problems =>
        {
            // The dates on their fields; a problem of the content (a sign-off needs an article ready for readers) says so.
            AddProblems(problems.Where(p => ReviewForm.FieldFor(p.Place) is not null), ReviewForm.FieldFor);
            foreach (var problem in problems.Where(p => ReviewForm.FieldFor(p.Place) is null))
                ModelState.AddModelError("", Refusal(WorkflowStep.SignOff, problem));
            return ReshowAsync(id, null, cancellationToken, form);
        }, form, cancellationToken);
    }

    /// <summary>The article exactly as readers will see it, whatever its state, marked as a preview.</summary>
    [HttpGet("{id:int}/preview")]
    public async Task<IActionResult> Preview(int id, [FromServices] WorkingCopyPreview preview, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        ViewData["Preview"] = true;
        ViewData[ContentChecksPanel.PreviewKey] = ContentChecksPanel.For(article, checker.Check(article), Url, canEdit: false);
        return View("~/Views/Articles/Show.cshtml", await preview.RenderAsync(article, cancellationToken));
    }

    private IActionResult Saved(int id, string message)
    {
        TempData.SetFlashMessage(message);
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>The edit page again, with the article as stored (a refused change left nothing behind) and what was posted.</summary>
    private async Task<IActionResult> ReshowAsync(int id, ArticleForm? form, CancellationToken cancellationToken, ReviewForm? review = null, StatusForm? status = null)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        return View("Edit", await EditPageAsync(article, form ?? ArticleForm.From(article), cancellationToken, review, status));
    }

    private async Task<ArticleForm> WithHeroChoicesAsync(ArticleForm form, CancellationToken cancellationToken)
    {
        form.HeroChoices = await media.UsableChoicesAsync(cancellationToken);
        return form;
    }

    private async Task<ArticleEditPage> EditPageAsync(Article article, ArticleForm form, CancellationToken cancellationToken, ReviewForm? review = null,
        StatusForm? status = null)
    {
        await WithHeroChoicesAsync(form, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        review ??= new ReviewForm
        {
            Version = article.Version,
            ReviewedOn = today,
            NextReviewDue = ReviewSchedule.NextDue(today),
        };
        var now = clock.GetUtcNow().UtcDateTime;
        var state = EditorialWorkflow.StateOf(article, now);
        var changes = await editor.UnpublishedChangesAsync(article, cancellationToken);
        var live = changes is not null;
        var steps = EditorialWorkflow.StepsFrom(state, live, User.IsInRole);
        var reviewOfContent = await workflow.ReviewOfContentAsync(article, User, cancellationToken);
        // An article readers see (or will, when scheduled) is submitted only with changes of content to review (not a review
        // alone, signed off through a link and waiting to be published); a published one is published again only with
        // changes to publish, while a scheduled one may be rescheduled as it is.
        var changesContent = reviewOfContent.ChangesContent;
        if (live && !changesContent)
            steps = steps.Where(step => step is not WorkflowStep.Submit
                && (state == EditorialState.Scheduled || changes is [_, ..] || step is not (WorkflowStep.Publish or WorkflowStep.PublishWithoutReview))).ToList();
        // Publish is offered only when this person's publication would be taken: else the page says why in its place.
        var publishWithheld = steps.Contains(WorkflowStep.Publish) ? reviewOfContent.PublishRefusal : null;
        if (publishWithheld is not null)
            steps = steps.Where(step => step != WorkflowStep.Publish).ToList();
        return new ArticleEditPage(article, form, review, status ?? new StatusForm { Version = article.Version },
            CanEdit: User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor),
            CanReview: User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Reviewer),
            State: state, Live: live, ChangesContent: changesContent, Steps: steps, PublishWithheld: publishWithheld, SignedOff: reviewOfContent.SignedOff,
            PublishedReviewer: publishWithheld is null ? reviewOfContent.PublishedReviewer : null, Now: now,
            UnpublishedChanges: changes, OpenThreads: (await discussion.ThreadsAsync(article, cancellationToken)).Where(t => t.First.IsOpen).ToList(),
            ReviewLinks: await reviewLinks.ListAsync(article.Id, cancellationToken),
            LinkChecks: await linkChecks.ForAddressesAsync(article.Citations.SelectMany(c => LinkCheck.AddressesOf(c.Doi, c.Url)), cancellationToken),
            ContentChecks: ContentChecksPanel.For(article, checker.Check(article), Url, User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor)),
            // The rules of its content and its images, judged without a query of their own: the images that may be shown
            // are the hero choices read above (the slug is judged when a step is taken).
            ProblemsToMend: [.. ArticleValidator.Validate(article, now.Year)
                .Concat(MediaPictures.ProblemsAmong(article, form.HeroChoices.Select(c => c.Id).ToHashSet().Contains)).Select(ArticleForm.InWords)]);
    }
}

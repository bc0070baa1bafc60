using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/articles")]
public class ArticlesController(ArticleEditor editor, EditorialQueries queries, ArticleReader reader, AuditLog audit, TimeProvider clock,
    RevisionHistory history) : ArticleEditingController(history)
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ArticleListQuery query, CancellationToken cancellationToken)
    {
        var (filter, ignored) = query.Read();
        var (rows, hasNext) = await queries.ListArticlesAsync(filter, cancellationToken);
        return View(new ArticleListPage(filter, ignored, rows, hasNext));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.EditContent)]
    public IActionResult Create() => View(new ArticleForm());

    [HttpPost("new")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> Create(ArticleForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
            return View(form);
        var article = new Article { Slug = "", Title = "", Summary = "", AuthorName = "", Status = ArticleStatus.Draft };
        form.ApplyTo(article);
        return await HandleAsync(await editor.CreateAsync(article, "Created the article", cancellationToken),
            saved: () => RedirectToAction(nameof(Edit), new { id = article.Id }),
            invalid: problems =>
            {
                AddProblems(problems, ArticleForm.FieldFor);
                return Task.FromResult<IActionResult>(View(form));
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

    [HttpPost("{id:int}/status")]
    [Authorize(Policy = Policies.EditContent)]
    public async Task<IActionResult> ChangeStatus(int id, StatusForm form, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ArticleStatus? step = form.Step switch
        {
            "submit" => ArticleStatus.InReview,
            "draft" => ArticleStatus.Draft,
            "publish" => ArticleStatus.Published,
            "unpublish" => ArticleStatus.Unpublished,
            _ => null,
        };
        if (step is not { } status)
            return BadRequest();
        if (status == ArticleStatus.Unpublished && !form.Confirmed)
            return await ConfirmUnpublishAsync(id, form.Version, cancellationToken);
        var description = status switch
        {
            ArticleStatus.InReview => "Submitted for review",
            ArticleStatus.Draft => "Returned to draft",
            ArticleStatus.Unpublished => "Unpublished",
            _ => form.PublishAt is { } at && at > now ? $"Scheduled for {at:yyyy-MM-dd HH:mm} UTC" : "Published",
        };

        var outcome = status switch
        {
            ArticleStatus.Published => await editor.PublishAsync(id, form.Version, form.PublishAt, description, cancellationToken),
            ArticleStatus.Unpublished => await editor.UnpublishAsync(id, form.Version, cancellationToken),
            _ => await editor.EditAsync(id, form.Version, description, article =>
            {
                article.Status = status;
                return null;
            }, cancellationToken),
        };
        return await HandleAsync(outcome, () => Saved(id, $"{description}."), problems =>
        {
            foreach (var problem in problems)
                ModelState.AddModelError("", $"The article cannot be {description.ToLowerInvariant()} yet: {problem.Described}");
            return ReshowAsync(id, null, cancellationToken);
        }, form, cancellationToken);
    }

    [HttpGet("{id:int}/unpublish")]
    [Authorize(Policy = Policies.EditContent)]
    public Task<IActionResult> Unpublish(int id, CancellationToken cancellationToken) => ConfirmUnpublishAsync(id, null, cancellationToken);

    private async Task<IActionResult> ConfirmUnpublishAsync(int id, int? version, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var published = article.Status == ArticleStatus.Published;
        IReadOnlyList<string> consequences = published
            ?
            [
                article.PublishedAt > clock.GetUtcNow().UtcDateTime
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
        if (form.ReviewedOn is { } on && form.NextReviewDue is { } due && due <= on)
            ModelState.AddModelError(nameof(form.NextReviewDue), "The next review must be due after the review date.");
        if (!ModelState.IsValid)
            return await ReshowAsync(id, null, cancellationToken, form);
        var reviewer = User.GetDisplayName() ?? EditorName;
        var outcome = await editor.EditAsync(id, form.Version, $"Medical review signed off by {reviewer}", article =>
        {
            article.ReviewedBy = reviewer;
            article.LastReviewedOn = form.ReviewedOn;
            article.NextReviewDue = form.NextReviewDue;
            audit.Add(AuditLog.Actions.ReviewSignedOff, $"article “{article.Title}” ({article.Slug})",
                $"by {reviewer} ({EditorName}) on {form.ReviewedOn:yyyy-MM-dd}, next due {form.NextReviewDue:yyyy-MM-dd}");
            return null;
        }, cancellationToken);
        return await HandleAsync(outcome, () => Saved(id, "The medical review was signed off."), problems =>
        {
            AddProblems(problems, ReviewForm.FieldFor);
            return ReshowAsync(id, null, cancellationToken, form);
        }, form, cancellationToken);
    }

    /// <summary>The article exactly as readers will see it, whatever its state, marked as a preview.</summary>
    [HttpGet("{id:int}/preview")]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var page = await reader.GetPreviewAsync(id, cancellationToken);
        if (page is null)
            return NotFound();
        ViewData["Preview"] = true;
        return View("~/Views/Articles/Show.cshtml", page);
    }

    private IActionResult Saved(int id, string message)
    {
        TempData.SetFlashMessage(message);
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> ReshowAsync(int id, ArticleForm? form, CancellationToken cancellationToken, ReviewForm? review = null)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        return View("Edit", await EditPageAsync(article, form ?? ArticleForm.From(article), cancellationToken, review));
    }

    private async Task<ArticleEditPage> EditPageAsync(Article article, ArticleForm form, CancellationToken cancellationToken, ReviewForm? review = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        review ??= new ReviewForm
        {
            Version = article.Version,
            ReviewedOn = today,
            NextReviewDue = ReviewSchedule.NextDue(today),
        };
        return new ArticleEditPage(article, form, review,
            CanEdit: User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Editor),
            CanReview: User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Reviewer),
            Now: clock.GetUtcNow().UtcDateTime,
            UnpublishedChanges: await editor.UnpublishedChangesAsync(article, cancellationToken));
    }
}

using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Editing;
using GutImmune.Web.Publishing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace GutImmune.Web.Controllers;

/// <summary>
/// Review links for clinicians without an account: anonymous, but the token is the whole permission. It opens its own
/// article's working copy and its sign-off, nothing else: no article id is taken from the request, and nothing here
/// signs anyone in.
/// </summary>
[AllowAnonymous]
[Route("review/{token}")]
[EnableRateLimiting(ReviewLinks.RateLimit)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ReviewLinksController(ReviewLinks links, WorkingCopyPreview preview, ArticleWorkflow workflow, ReviewDiscussion discussion, TimeProvider clock)
    : Controller
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        ReviewLinks.KeepPrivate(Response);
        ViewData["NoIndex"] = true;
    }

    [HttpGet("")]
    public async Task<IActionResult> Show(string? token, CancellationToken cancellationToken)
    {
        var visit = await links.OpenAsync(token, cancellationToken);
        return visit is ReviewLinkVisit.Open open ? View(await PageAsync(open, new ReviewLinkSignOffForm(), cancellationToken)) : Closed(visit);
    }

    [HttpPost("")]
    public async Task<IActionResult> SignOff(string? token, ReviewLinkSignOffForm form, CancellationToken cancellationToken)
    {
        var visit = await links.OpenAsync(token, cancellationToken);
        if (visit is not ReviewLinkVisit.Open open)
            return Closed(visit);
        if (open.SignedOff is not null)
        {
            // One sign-off per content: the page says who signed it off, and offers no second one.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Show), await PageAsync(open, new ReviewLinkSignOffForm(), cancellationToken));
        }
        if (!form.Confirmed)
        {
            // A box sent with a value it never has ("", "on") also failed to bind: only the confirmation it asks for is said.
            ModelState.Remove(nameof(form.Confirmed));
            ModelState.AddModelError(nameof(form.Confirmed), "Confirm that you reviewed the content shown and that it may be published under your name.");
        }
        if (!ModelState.IsValid)
            return View(nameof(Show), await PageAsync(open, form, cancellationToken));

        var outcome = await workflow.SignOffViaLinkAsync(open.Link, form.Version, form.Fingerprint, form.Name!.Trim(), form.Credentials!.Trim(), cancellationToken);
        switch (outcome)
        {
            case EditOutcome.Saved:
                return RedirectToAction(nameof(Show), new { token });
            case EditOutcome.NotFound:
                return Closed(new ReviewLinkVisit.Unknown());
        }
        // Refused (the content changed since the page was shown, or the article is not in review): the page again, with
        // the copy as it is now, the reason, and the confirmation to give again.
        var reason = outcome is EditOutcome.Invalid invalid ? ArticleWorkflow.LinkCopyHasProblems(invalid.Problems.Select(ArticleForm.InWords))
            : outcome is EditOutcome.StepRefused refused ? refused.Message
            : ArticleWorkflow.LinkCopyChanged;
        if (await links.OpenAsync(token, cancellationToken) is not ReviewLinkVisit.Open now)
            return Closed(new ReviewLinkVisit.Unknown());
        ModelState.AddModelError("", reason);
        form.Confirmed = false;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(nameof(Show), await PageAsync(now, form, cancellationToken));
    }

    private async Task<ReviewLinkPage> PageAsync(ReviewLinkVisit.Open open, ReviewLinkSignOffForm form, CancellationToken cancellationToken)
    {
        var state = EditorialWorkflow.StateOf(open.WorkingCopy, clock.GetUtcNow().UtcDateTime);
        var (signOff, _) = EditorialWorkflow.Check(WorkflowStep.SignOff, state, open.Live, ArticleWorkflow.LinkActsAs);
        return new ReviewLinkPage(LinkAddress, await preview.RenderAsync(open.WorkingCopy, signedOff: open.SignedOff is not null, cancellationToken), open.WorkingCopy.Version,
            open.Fingerprint, open.Link.ExpiresAt, open.ChangedSinceLinkMade,
            signOff is null ? ArticleWorkflow.LinkNotOpenForSignOff : null,
            open.SignedOff, open.PublishedAt, open.Link.Id, await discussion.OpenThreadCountAsync(open.WorkingCopy.Id, cancellationToken), form);
    }

    /// <summary>The link's own address (its comments page lies under it).</summary>
    private string LinkAddress => $"{Request.PathBase}/review/{RouteData.Values["token"]}";

    [HttpGet("comments")]
    public async Task<IActionResult> Comments(string? token, CancellationToken cancellationToken)
    {
        var visit = await links.OpenAsync(token, cancellationToken);
        return visit is ReviewLinkVisit.Open open ? View(await CommentsPageAsync(open, null, cancellationToken)) : Closed(visit);
    }

    /// <summary>A comment or reply through the link, kept under the name the reviewer gives ("… via review link"), like a staff member's.</summary>
    [HttpPost("comments")]
    public async Task<IActionResult> Comment(string? token, ReviewLinkCommentForm form, CancellationToken cancellationToken)
    {
        var visit = await links.OpenAsync(token, cancellationToken);
        if (visit is not ReviewLinkVisit.Open open)
            return Closed(visit);
        if (form.ThreadId is null && form.ItemKind is null)
            ModelState.AddModelError("", "Say what the comment is about: use the form beside the item.");
        if (!ModelState.IsValid)
            return View(nameof(Comments), await CommentsPageAsync(open, form, cancellationToken));
        var author = CommentAuthor.ViaReviewLink(open.Link, form.Name!);
        var outcome = form.ThreadId is { } threadId
            ? await discussion.ReplyAsync(open.WorkingCopy, threadId, form.Text!, author, cancellationToken)
            : await discussion.StartThreadAsync(open.WorkingCopy, form.Version, form.ItemKind!.Value, form.ItemId, form.Text!, author, cancellationToken);
        switch (outcome)
        {
            case CommentOutcome.Done done:
                return Redirect($"{LinkAddress}/comments#thread-{done.ThreadId}");
            case CommentOutcome.Refused refused:
                ModelState.AddModelError("", refused.Message);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(nameof(Comments), await CommentsPageAsync(open, form, cancellationToken));
            default:
                return NotFound();
        }
    }

    private async Task<ReviewLinkCommentsPage> CommentsPageAsync(ReviewLinkVisit.Open open, ReviewLinkCommentForm? posted, CancellationToken cancellationToken) =>
        new(LinkAddress, open.WorkingCopy.Title, open.WorkingCopy.Version, open.ChangedSinceLinkMade, ReviewItem.Of(open.WorkingCopy),
            await discussion.ThreadsAsync(open.WorkingCopy, cancellationToken), posted);

    private ViewResult Closed(ReviewLinkVisit visit)
    {
        var state = (visit as ReviewLinkVisit.Closed)?.State;
        Response.StatusCode = state is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return View("Closed", new ReviewLinkClosedPage(state));
    }
}

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
public class ReviewLinksController(ReviewLinks links, WorkingCopyPreview preview, ArticleWorkflow workflow, TimeProvider clock) : Controller
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
        if (!form.Confirmed)
            ModelState.AddModelError(nameof(form.Confirmed), "Confirm that you reviewed the content shown and that it may be published under your name.");
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
        var reason = outcome is EditOutcome.Invalid { Problems: [var problem, ..] } ? problem.Message
            : outcome is EditOutcome.StepRefused refused ? refused.Message
            : "The article was changed while you read it: read the copy below as it is now, and sign it off again.";
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
        return new ReviewLinkPage($"{Request.PathBase}{Request.Path}", await preview.RenderAsync(open.WorkingCopy, cancellationToken), open.WorkingCopy.Version,
            open.Fingerprint, open.Link.ExpiresAt, open.ChangedSinceLinkMade,
            signOff is null ? "The editors have not submitted this copy for review yet, so it cannot be signed off now. You can read it; the sign-off opens once it is submitted." : null,
            open.SignedOff, form);
    }

    private ViewResult Closed(ReviewLinkVisit visit)
    {
        var state = (visit as ReviewLinkVisit.Closed)?.State;
        Response.StatusCode = state is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        return View("Closed", new ReviewLinkClosedPage(state));
    }
}

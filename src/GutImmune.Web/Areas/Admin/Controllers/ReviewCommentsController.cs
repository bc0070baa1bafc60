using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Editing;
using GutImmune.Web.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// Review comments on an article's working copy. Every member of staff may comment and reply; who may resolve or
/// reopen a thread is <see cref="ReviewComment.MayBeResolvedBy"/>'s to say.
/// </summary>
[Route("admin/articles/{id:int}/comments")]
public class ReviewCommentsController(ArticleEditor editor, ReviewDiscussion discussion, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken) =>
        await PageAsync(id, posted: null, StatusCodes.Status200OK, cancellationToken);

    [HttpPost("")]
    public async Task<IActionResult> Comment(int id, CommentForm form, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        if (form.ThreadId is null && form.ItemKind is null)
            ModelState.AddModelError(nameof(form.ItemKind), "Say what the comment is about: use the form beside the item.");
        if (!ModelState.IsValid)
            return await ReshowAsync(id, form, StatusCodes.Status400BadRequest, cancellationToken);
        var outcome = form.ThreadId is { } threadId
            ? await discussion.ReplyAsync(article, threadId, form.Text!, CommentAuthor.Of(User), cancellationToken)
            : await discussion.StartThreadAsync(article, form.Version, form.ItemKind!.Value, form.ItemId, form.Text!, CommentAuthor.Of(User), cancellationToken);
        return await HandleAsync(id, outcome, "Your comment was saved.", form, cancellationToken);
    }

    [HttpPost("resolve")]
    public Task<IActionResult> Resolve(int id, ThreadForm form, CancellationToken cancellationToken) => SetResolvedAsync(id, form, true, cancellationToken);

    [HttpPost("reopen")]
    public Task<IActionResult> Reopen(int id, ThreadForm form, CancellationToken cancellationToken) => SetResolvedAsync(id, form, false, cancellationToken);

    private async Task<IActionResult> SetResolvedAsync(int id, ThreadForm form, bool resolved, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var outcome = await discussion.SetResolvedAsync(article, form.ThreadId, resolved, User, cancellationToken);
        return await HandleAsync(id, outcome, resolved ? "The thread was resolved." : "The thread was reopened.", posted: null, cancellationToken);
    }

    private async Task<IActionResult> HandleAsync(int id, CommentOutcome outcome, string message, CommentForm? posted, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case CommentOutcome.Done done:
                TempData.SetFlashMessage(message);
                return Redirect(Url.Action(nameof(Index), new { id }) + $"#thread-{done.ThreadId}");
            case CommentOutcome.Refused refused:
                ModelState.AddModelError(posted?.FieldId ?? "", refused.Message);
                return await ReshowAsync(id, posted, refused.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>The page again with what was posted; field problems move to the text box the comment was written in.</summary>
    private Task<IActionResult> ReshowAsync(int id, CommentForm? posted, int status, CancellationToken cancellationToken)
    {
        if (posted is not null)
        {
            var errors = ModelState.Where(e => e.Key != posted.FieldId).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).ToList();
            foreach (var key in ModelState.Keys.Where(k => k != posted.FieldId).ToList())
                ModelState.Remove(key);
            foreach (var error in errors)
                ModelState.AddModelError(posted.FieldId, error);
        }
        return PageAsync(id, posted, status, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int id, CommentForm? posted, int status, CancellationToken cancellationToken)
    {
        var article = await editor.LoadForEditingAsync(id, cancellationToken);
        if (article is null)
            return NotFound();
        var threads = await discussion.ThreadsAsync(article, cancellationToken);
        Response.StatusCode = status;
        return View(nameof(Index), new ReviewCommentsPage(article, EditorialWorkflow.StateOf(article, clock.GetUtcNow().UtcDateTime), ReviewItem.Of(article), threads, posted));
    }
}

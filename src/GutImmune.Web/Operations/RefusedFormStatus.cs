using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Operations;

/// <summary>
/// A form sent and shown again with field messages was refused: it answers 400, whichever action re-shows it, so that
/// no refused save reads as a success to a client, a monitor or a test. An action that chose another status for its
/// answer (409 for a conflict, 403 for a step the person may not take) keeps it. The body is the page itself: the
/// status code pages only fill answers without a body.
/// </summary>
public sealed class RefusedFormStatus : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ViewResult { StatusCode: null } page
            && !context.ModelState.IsValid
            && HttpMethods.IsPost(context.HttpContext.Request.Method)
            && context.HttpContext.Response.StatusCode == StatusCodes.Status200OK)
            page.StatusCode = StatusCodes.Status400BadRequest;
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

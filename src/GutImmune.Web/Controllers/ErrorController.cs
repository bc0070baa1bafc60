using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

/// <summary>Error pages in the site layout: re-executed for 4xx/5xx status codes and for unhandled exceptions.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
// A failed post is re-executed here as a post: its page must not fail the token check (or the size check) again.
[IgnoreAntiforgeryToken]
public class ErrorController : Controller
{
    // Only error statuses: Kestrel would send any other number as the status line (/error/2147483647 broke the response).
    // The status comes from the re-execution, not from binding: binding would read a failed post's form again
    // (a form too large to read gave the status 0).
    [Route("error/{statusCode:int:range(400,599)}")]
    public IActionResult Status()
    {
        // Only as the page of a real error: asked for directly, /error/500 is just a page that does not exist.
        var statusCode = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        Response.StatusCode = statusCode;
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error", RequestId);
    }

    [Route("error")]
    public IActionResult Exception()
    {
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
            return Status();
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", RequestId);
    }

    // The id the request was logged under (the RequestId of its log entries), so a report can be matched to the log.
    private string RequestId => HttpContext.TraceIdentifier;
}

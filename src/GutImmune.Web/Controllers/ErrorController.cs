using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

/// <summary>
/// Error pages in the site layout: re-executed for 4xx/5xx status codes and for unhandled exceptions. A re-executed
/// POST keeps its method, so these actions read nothing of the body: no antiforgery token and no bound parameters
/// (binding reads a form body). Otherwise a page for an abandoned body waited for the rest of it and logged warnings.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
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
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        return Page(original?.OriginalStatusCode ?? StatusCodes.Status404NotFound, original?.OriginalPath);
    }

    [Route("error")]
    public IActionResult Exception()
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is null)
            return Page(StatusCodes.Status404NotFound, null);
        if (!DatabaseFaults.IsUnavailable(failure.Error))
            return Page(StatusCodes.Status500InternalServerError, failure.Path);
        Response.Headers.RetryAfter = ((int)DatabaseFaults.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Page(StatusCodes.Status503ServiceUnavailable, failure.Path);
    }

    /// <param name="originalPath">The address that failed: an API client gets problem details (RFC 9457), not a page.</param>
    private IActionResult Page(int statusCode, string? originalPath)
    {
        Response.StatusCode = statusCode;
        // A client that abandoned its body is gone. Closing the connection stops Kestrel from reading the next request
        // through a body reader the form reader left mid-read, which it logs as a warning (dotnet/aspnetcore#17840).
        if (HttpContext.RequestAborted.IsCancellationRequested)
            Response.Headers.Connection = "close";
        if (originalPath is not null && new PathString(originalPath).StartsWithSegments(ArticleCatalog.BasePath))
            return Problem(statusCode: statusCode, instance: originalPath, detail: ApiDetail(statusCode));
        // A post to the admin that the account's role may not make (AccountServiceCollectionExtensions): the access-denied page.
        if (statusCode == StatusCodes.Status403Forbidden && originalPath is not null && new PathString(originalPath).StartsWithSegments(AdminPath))
            return View(AccessDeniedView);
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error", RequestId);
    }

    /// <summary>What an API client can do instead, where the status tells it, and the request id to quote.</summary>
    private string ApiDetail(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound =>
            $"The content API has no such address: articles are listed at {ArticleCatalog.BasePath}/articles, and {ApiReferencePage.DocumentPath} describes every address. Request id {RequestId}.",
        StatusCodes.Status405MethodNotAllowed =>
            $"The content API is read-only: this address answers {Response.Headers.Allow}. Request id {RequestId}.",
        _ => $"Request id {RequestId}.",
    };

    private static readonly PathString AdminPath = "/admin";
    private const string AccessDeniedView = "~/Areas/Admin/Views/Account/AccessDenied.cshtml";

    // The id the request was logged under (the RequestId of its log entries), so a report can be matched to the log.
    private string RequestId => HttpContext.TraceIdentifier;
}

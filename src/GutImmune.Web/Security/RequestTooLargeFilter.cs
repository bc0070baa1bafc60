using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Security;

/// <summary>
/// What an action answers, instead of the bare 413 page, to a request declared over its body limit: put on the action as
/// an attribute (e.g. the upload form again, with the reason on its file field). Nothing of the body is read.
/// </summary>
public interface IRequestTooLargeAnswer
{
    /// <summary>The largest body the action takes; its request limit (RequestSizeLimit) must be higher, so that the server
    /// reads and discards the rest of a larger body after this answer and the browser gets it on an open connection.</summary>
    long MaxBodyBytes { get; }

    IActionResult Answer(long declaredLength);
}

/// <summary>
/// Answers 413 to a request whose declared length is over its action's body limit, before anything reads it.
/// Otherwise the antiforgery check is the first to read the form, and it reports the refused read as a bad token (400).
/// An action with an <see cref="IRequestTooLargeAnswer"/> answers with its own page.
/// </summary>
public sealed class RequestTooLargeFilter : IAuthorizationFilter, IOrderedFilter
{
    // After RequestSizeLimitAttribute (900) has set the action's limit, before the antiforgery check (1000) reads the form.
    public int Order => 950;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        // The error page re-executed for this 413 reads nothing: let it show.
        if (context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            return;
        var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.HttpContext.Request.ContentLength is not { } length)
            return;
        if (context.ActionDescriptor.EndpointMetadata.OfType<IRequestTooLargeAnswer>().FirstOrDefault() is { } answer && length > answer.MaxBodyBytes)
            context.Result = answer.Answer(length);
        else if (length > limit)
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Security;

/// <summary>
/// Answers 413 to a request whose declared length is over its action's body limit, before anything reads it.
/// Otherwise the antiforgery check is the first to read the form, and it reports the refused read as a bad token (400).
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
        if (context.HttpContext.Request.ContentLength > limit)
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Accounts;

/// <summary>
/// Marks an endpoint that pages call from script (autosave, paste, the citation picker): a request refused before it
/// reaches the action (an expired sign-in, a role that may not, a missing or stale antiforgery token) is answered with
/// JSON saying why (<c>{ "error": ... }</c>), not with a page or a redirect, so the page can keep what was typed and
/// tell the editor what to do.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CalledFromScriptAttribute : Attribute
{
    public const string SignInExpired = "Your sign-in expired - sign in in a new tab, then continue.";
    public const string NotAllowed = "Your account may not do this: ask an Admin for the role it needs.";
    public const string AntiforgeryFailed = "The page's security token is missing or out of date - reload the page, then continue.";

    public static bool IsOn(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<CalledFromScriptAttribute>() is not null;

    /// <summary>Turns the antiforgery check's bare 400 (which would become the HTML error page) into JSON for these endpoints.</summary>
    public sealed class AntiforgeryAnswer : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is IAntiforgeryValidationFailedResult && IsOn(context.HttpContext))
                context.Result = new JsonResult(new { error = AntiforgeryFailed }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}

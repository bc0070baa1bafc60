using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Accounts;

/// <summary>
/// Marks an endpoint that pages call from script (autosave, paste, the citation picker, the live preview and checks):
/// every refusal, before the action (an expired sign-in, a role that may not, a missing or stale antiforgery token, a
/// body too large or of the wrong type) or by it (an article that no longer exists), is answered with JSON saying why
/// (<c>{ "error": ... }</c>), not with a page or a redirect, so the page can keep what was typed and tell the editor
/// what to do.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CalledFromScriptAttribute : Attribute
{
    public const string SignInExpired = "Your sign-in expired - sign in in a new tab, then continue.";
    public const string NotAllowed = "Your account may not do this: ask an Admin for the role it needs.";
    public const string AntiforgeryFailed = "The page's security token is missing or out of date - reload the page, then continue.";

    public static bool IsOn(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<CalledFromScriptAttribute>() is not null;

    public const string ArticleGone = "This article no longer exists: it may have been deleted. Open it again from the list of articles.";
    public const string TooLarge = "What the page sent is too large to take at once: shorten the text, then try again.";
    public const string WrongContent = "The page sent this in a form the site does not take here - reload the page, then continue.";

    /// <summary>
    /// Every refusal of these endpoints in JSON with a sentence an editor can act on, status kept: the antiforgery check's
    /// bare 400 and the bare 404, 413 and 415 (which would otherwise become the HTML error page) get their own answer; a
    /// problem-details answer (field problems, a conflict) keeps its members and says why in <c>error</c> as well.
    /// </summary>
    public sealed class RefusalAnswer : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (!IsOn(context.HttpContext))
                return;
            switch (context.Result)
            {
                case IAntiforgeryValidationFailedResult:
                    context.Result = Refusal(StatusCodes.Status400BadRequest, AntiforgeryFailed);
                    break;
                case StatusCodeResult { StatusCode: >= 400 and var status }:
                    context.Result = Refusal(status, status switch
                    {
                        StatusCodes.Status404NotFound => ArticleGone,
                        StatusCodes.Status413PayloadTooLarge => TooLarge,
                        StatusCodes.Status415UnsupportedMediaType => WrongContent,
                        _ => $"The site could not do this (error {status}) - reload the page, then continue.",
                    });
                    break;
                case ObjectResult { Value: ProblemDetails problem }:
                    problem.Extensions["error"] = problem.Detail ?? string.Join(" ", problem is ValidationProblemDetails validation
                        ? validation.Errors.SelectMany(e => e.Value)
                        : [problem.Title ?? "The site could not do this - reload the page, then continue."]);
                    break;
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }

        private static JsonResult Refusal(int status, string error) => new(new { error }) { StatusCode = status };
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using GutImmune.Web.Caching;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Controllers;

/// <summary>
/// Error pages in the site layout: re-executed for 4xx/5xx status codes and for unhandled exceptions. A re-executed
/// POST keeps its method, so these actions read nothing of the body: no antiforgery token and no bound parameters
/// (binding reads a form body). Otherwise a page for an abandoned body waited for the rest of it and logged warnings.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public class ErrorController(IOptionsMonitor<CookieAuthenticationOptions> cookies) : Controller
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
            return Page(StatusCodes.Status500InternalServerError, failure.Path, sent: SentByStaff(failure.Path));
        Response.Headers.RetryAfter = ((int)DatabaseFaults.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Page(StatusCodes.Status503ServiceUnavailable, failure.Path, DatabaseFaults.IsFull(failure.Error), SentByStaff(failure.Path));
    }

    /// <summary>
    /// What a signed-in editor sent to the admin in a form that could not be saved, to copy from the page: the form
    /// as the failed action read it (never read again here), without its antiforgery token and passwords.
    /// </summary>
    private IReadOnlyList<SentField> SentByStaff(string failedPath) =>
        HttpMethods.IsPost(Request.Method) && User.Identity?.IsAuthenticated == true && new PathString(failedPath).StartsWithSegments(AdminPath)
        && HttpContext.Features.Get<IFormFeature>()?.Form is { } form
            ? [.. form.Where(f => f.Key != AntiforgeryField && !f.Key.Contains("Password", StringComparison.OrdinalIgnoreCase))
                .SelectMany(f => f.Value.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => new SentField(f.Key, value!)))]
            : [];

    private const string AntiforgeryField = "__RequestVerificationToken";

    /// <param name="originalPath">The address that failed: an API client gets problem details (RFC 9457), not a page.</param>
    /// <param name="storageFull">The database could not be written because its disk is full.</param>
    /// <param name="sent">What the failed form held, shown so that nothing typed is lost.</param>
    private IActionResult Page(int statusCode, string? originalPath, bool storageFull = false, IReadOnlyList<SentField>? sent = null)
    {
        Response.StatusCode = statusCode;
        // A client that abandoned its body is gone. Closing the connection stops Kestrel from reading the next request
        // through a body reader the form reader left mid-read, which it logs as a warning (dotnet/aspnetcore#17840).
        if (HttpContext.RequestAborted.IsCancellationRequested)
            Response.Headers.Connection = "close";
        var busy = ConcurrentRenderLimit.Refused(HttpContext);
        if (originalPath is not null && new PathString(originalPath).StartsWithSegments(ArticleCatalog.BasePath))
            return Problem(statusCode: statusCode, instance: originalPath, detail: busy ? $"{BusyDetail} Request id {RequestId}." : ApiDetail(statusCode));
        // A post to the admin that the account's role may not make (AccountServiceCollectionExtensions): the access-denied page.
        if (statusCode == StatusCodes.Status403Forbidden && originalPath is not null && new PathString(originalPath).StartsWithSegments(AdminPath))
            return View(AccessDeniedView);
        if (statusCode == StatusCodes.Status405MethodNotAllowed && originalPath is not null)
            return WrongMethod(originalPath);
        if (busy)
            return View("Busy", new BusyPage(BusyDetail, RetryAddress(), RequestId));
        // A script that asked for JSON (the writing page's autosave) gets the reason in its own shape, not a page.
        if (statusCode >= 500 && Request.GetTypedHeaders().Accept.Any(a => a.MediaType == "application/json"))
            return Json(new { error = ErrorPage.Explain(statusCode, storageFull).Explanation });
        return statusCode == StatusCodes.Status404NotFound ? View("NotFound", RequestId) : View("Error", new ErrorPage(RequestId, storageFull, sent ?? []));
    }

    private static readonly string BusyDetail =
        $"The site is busy preparing other pages just now. Please try again in {ConcurrentRenderLimit.RetryAfterSeconds} seconds.";

    /// <summary>
    /// The refused address, query included (a search keeps its words), to try again from the busy page; its query
    /// re-encoded, as the client may have sent characters a link must escape. None for a path that would lead off the site
    /// (//elsewhere.example).
    /// </summary>
    private string? RetryAddress()
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not { } original)
            return null;
        var path = new PathString(original.OriginalPathBase).Add(new PathString(original.OriginalPath)).ToUriComponent();
        var query = QueryString.Create(QueryHelpers.ParseQuery(original.OriginalQueryString));
        return Url.IsLocalUrl(path) ? path + query : null;
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

    /// <summary>
    /// A visit (a followed link, a bookmark, a reload) to an address that only takes a form, or a form sent to a page: what
    /// the address is for and a link to where to go instead. The status and the routing's Allow header stay. An admin
    /// address asks a visitor who is not signed in to sign in first, as its pages do.
    /// </summary>
    private IActionResult WrongMethod(string originalPath)
    {
        var path = new PathString(originalPath);
        var takesVisits = Response.Headers.Allow.ToString().Contains(HttpMethods.Get, StringComparison.OrdinalIgnoreCase);
        var inAdmin = path.StartsWithSegments(AdminPath);
        var (back, backText) = (takesVisits, inAdmin) switch
        {
            // A path such as //elsewhere.example would be a link off the site.
            (true, _) => (Url.IsLocalUrl(originalPath) ? path.ToUriComponent() : "/", "Open the page"),
            (false, true) when ArticleIn(path) is { } articleId =>
                (Url.Action("Edit", "Articles", new { area = "Admin", id = articleId })!, "Back to the article’s editor"),
            (false, true) => (Url.Action("Index", "Dashboard", new { area = "Admin" })!, "Back to the dashboard"),
            (false, false) => ("/", "Back to all articles"),
        };
        // Not on the sign-in page itself: the challenge would lead back to it, a HEAD (a monitor's) round and round.
        if (inAdmin && User.Identity?.IsAuthenticated != true && path != cookies.Get(IdentityConstants.ApplicationScheme).LoginPath)
            return Challenge(new AuthenticationProperties { RedirectUri = back });
        return View("WrongMethod", new WrongMethodPage(takesVisits, back, backText, inAdmin, RequestId));
    }

    /// <summary>The article an admin address is about (its editor's address and everything under it), if it names one.</summary>
    private static int? ArticleIn(PathString path)
    {
        var values = new RouteValueDictionary();
        return ArticleAddress.TryMatch(path, values) && int.TryParse(values["id"] as string, out var id) ? id : null;
    }

    private static readonly TemplateMatcher ArticleAddress = new(TemplateParser.Parse("admin/articles/{id}/{**rest}"), new RouteValueDictionary());
    private static readonly PathString AdminPath = "/admin";
    private const string AccessDeniedView = "~/Areas/Admin/Views/Account/AccessDenied.cshtml";

    // The id the request was logged under (the RequestId of its log entries), so a report can be matched to the log.
    private string RequestId => HttpContext.TraceIdentifier;
}

/// <summary>The page of a request with the wrong method (<see cref="ErrorController"/>): a visit to a form's address, or a form sent to a page.</summary>
public sealed record WrongMethodPage(bool TakesVisits, string BackUrl, string BackText, bool InAdmin, string RequestId);

/// <summary>The page of an error: the request id to quote, and for a form the database could not take, why and what it held.</summary>
public sealed record ErrorPage(string RequestId, bool StorageFull, IReadOnlyList<SentField> Sent)
{
    /// <summary>What an error status says, on the page and to a script that asked for JSON: where the site knows what
    /// happened, that; the rest are errors it did not foresee.</summary>
    public static (string Heading, string Explanation) Explain(int status, bool storageFull) => status switch
    {
        StatusCodes.Status503ServiceUnavailable when storageFull => ("The site cannot save just now",
            "The disk that holds the site’s database is full, so nothing can be saved (signing in saves too). Nothing was saved. Readers still get the pages the site can read; saving works again once space is made on that disk."),
        StatusCodes.Status503ServiceUnavailable => ("The site cannot reach its database",
            "The site cannot reach its database just now, so it cannot show this page. Please try again in a minute."),
        >= 500 => ("Something went wrong",
            "The site could not show this page. The problem has been logged; please try again in a moment."),
        StatusCodes.Status413PayloadTooLarge => ("What was sent is too large",
            "What was sent is larger than the site accepts: forms up to 512 KB, article files up to 1 MB. Nothing was saved."),
        StatusCodes.Status429TooManyRequests => ("Too many requests",
            "Too many requests came from your address in the last minute. Please wait a moment and try again."),
        StatusCodes.Status400BadRequest or StatusCodes.Status408RequestTimeout => ("The request could not be read",
            "What was sent did not arrive complete or in a form the site reads (for example a form sent too slowly). Nothing was saved; please go back and send it again."),
        _ => ("Something went wrong", $"The request could not be handled (status {status})."),
    };
}

/// <summary>A field of a form that could not be saved, by its name in the form, with the text sent.</summary>
public sealed record SentField(string Name, string Text);

/// <summary>The page of a request refused while the site renders all it can at once (<see cref="ConcurrentRenderLimit"/>).</summary>
/// <param name="RetryUrl">The refused address, to try again; null when it cannot be linked to.</param>
public sealed record BusyPage(string Explanation, string? RetryUrl, string RequestId);

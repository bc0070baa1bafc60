using System.Globalization;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Data;

namespace GutImmune.Web.Operations;

/// <summary>
/// The server listens while <see cref="DatabaseStartup"/> is still making the database: a request arriving then waits
/// for it (up to <see cref="WaitLimit"/>, or until the making fails; then 503 with Retry-After and a page saying so), so that no request sees a half-made schema or a
/// site without its seed article. The health probes answer at once (readiness says not ready). Once the database is
/// ready the gate costs one check of a completed task.
/// </summary>
public sealed class StartupGate(RequestDelegate next, DatabaseStartup startup, ILogger<StartupGate> logger)
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);
    public const int RetryAfterSeconds = 5;

    public Task InvokeAsync(HttpContext context) =>
        startup.Ready.IsCompletedSuccessfully || context.Request.Path.StartsWithSegments("/healthz")
            ? next(context)
            : WaitThenInvokeAsync(context);

    private async Task WaitThenInvokeAsync(HttpContext context)
    {
        try
        {
            await startup.Ready.WaitAsync(WaitLimit, context.RequestAborted);
        }
        catch (Exception e) when (e is TimeoutException || startup.Ready.IsFaulted)
        {
            logger.LogWarning("Answered {Path} with 503: the database is not ready", context.Request.Path.Value);
            await AnswerNotReadyAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Written here, not by the error page: that page would be re-executed through this gate, and the sign-in check of a
    /// request with a cookie reads the database that is not ready.
    /// </summary>
    private static Task AnswerNotReadyAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments(ArticleCatalog.BasePath))
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: NotReady).ExecuteAsync(context);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(NotReadyPage);
    }

    private const string NotReady = "The site is starting and its database is not ready yet. Please try again in a few seconds.";

    private const string NotReadyPage = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Starting | GutImmune</title></head>
        <body><main><h1>GutImmune is starting</h1><p>{NotReady}</p></main></body>
        </html>

        """;
}

using GutImmune.Web.Data;

namespace GutImmune.Web.Operations;

/// <summary>
/// The server listens while <see cref="DatabaseStartup"/> is still making the database: a request arriving then waits
/// for it (up to <see cref="WaitLimit"/>, then 503 with Retry-After), so that no request sees a half-made schema or a
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
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            return;
        }
        await next(context);
    }
}

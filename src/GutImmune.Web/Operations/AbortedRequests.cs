using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Operations;

/// <summary>
/// A request whose client went away while the site worked on it (<see cref="HttpContext.RequestAborted"/>: a database
/// call or a write given its token stops with OperationCanceledException, a write to the closed connection with an
/// IOException; a read of the request body cut off by a reset with ConnectionResetException, which can come before the
/// token is cancelled) ends as 499, the status ASP.NET Core's exception handler gives it, and its request event is
/// information: the client's doing, not a fault of the site. Inside the output cache, which renders a page once for all
/// the readers asking for it at that moment: an abort thrown out of that render reached the readers still waiting for it
/// as a 500. Ended here, the render is stored for no one and each of them renders the page for itself.
/// </summary>
public sealed class AbortedRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is ConnectionResetException
            || e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel would otherwise answer, then read the rest of the body if it has not yet seen the reset: a body read
            // ended by a reset leaves its reader marked as reading, and that read fails with an error in the log
            // (dotnet/aspnetcore#17840).
            if (e is ConnectionResetException)
                context.Abort();
            if (!context.Response.HasStarted)
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            // A page cut short is no page to keep, and no one is there to read an error page.
            if (context.Features.Get<IOutputCacheFeature>() is { } cache)
                cache.Context.AllowCacheStorage = false;
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                statusCodePages.Enabled = false;
        }
    }
}

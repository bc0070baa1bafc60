using System.Runtime.ExceptionServices;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Connections;

namespace GutImmune.Web.Security;

/// <summary>
/// The antiforgery check is the first to read a posted form, and it reports any failed read as a bad token (400). A read
/// cut off by the client's reset is passed on as it is instead, so that the request ends as aborted
/// (<see cref="AbortedRequests"/>: 499, and no attempt to read the rest of the body). A body ended early by a plain
/// close stays a bad token: passed on, Kestrel then failed its next read of the connection with a warning.
/// </summary>
public sealed class FormReadAbortsAntiforgery(IAntiforgery antiforgery) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => antiforgery.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => antiforgery.GetTokens(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => antiforgery.SetCookieTokenAndHeader(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => antiforgery.IsRequestValidAsync(httpContext);

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(httpContext);
        }
        catch (AntiforgeryValidationException e) when (e.InnerException is ConnectionResetException reset)
        {
            ExceptionDispatchInfo.Throw(reset);
        }
    }
}

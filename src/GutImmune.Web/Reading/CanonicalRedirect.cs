using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Reading;

/// <summary>
/// Reader pages (those the output cache keeps) answer at one address. A request for one with an upper-case letter or
/// a trailing slash is sent with 301 to the path its route generates, query kept, before the output cache (whose key
/// ignores case) can serve or store it, so no request can put its own spelling into a cached page's canonical link.
/// </summary>
public sealed class CanonicalRedirect(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null
            && IsNonCanonical(request.Path)
            && context.RequestServices.GetRequiredService<SiteAddress>().CanonicalPath(context) is { } canonical)
        {
            context.Response.Redirect(canonical + request.QueryString, permanent: true);
            return Task.CompletedTask;
        }
        return next(context);
    }

    // Only the two differences the generated path never has, so the redirect cannot loop. A '%' left in the path is an
    // escape the server could not decode (`%C0%AE` is no UTF-8): no slug holds one, so the route finds nothing, whereas
    // the generated path would escape it again (`%25C0%25AE`) and redirect to another address that names nothing.
    private static bool IsNonCanonical(PathString path) =>
        path.Value is { } value && !value.Contains('%') && (value.Any(char.IsAsciiLetterUpper) || value.Length > 1 && value.EndsWith('/'));
}

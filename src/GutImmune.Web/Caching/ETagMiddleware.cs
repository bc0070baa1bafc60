using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace GutImmune.Web.Caching;

/// <summary>
/// Gives reader pages an ETag (a hash of the body) and answers a matching If-None-Match with 304, so a browser or
/// proxy that already has the page does not download it again. The output cache stores the ETag with the page and
/// answers conditional requests itself on a cache hit.
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/admin"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK && !context.Response.Headers.ContainsKey(HeaderNames.ETag))
        {
            var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..22]}\"", isWeak: true);
            context.Response.Headers.ETag = etag.ToString();
            var requested = context.Request.GetTypedHeaders().IfNoneMatch;
            if (requested.Any(r => r.Compare(etag, useStrongComparison: false) || r.Equals(EntityTagHeaderValue.Any)))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.ContentLength = null;
                return;
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}

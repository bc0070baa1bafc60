using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace GutImmune.Web.Caching;

/// <summary>
/// What a reader response tells shared caches (a CDN) and browsers. An anonymous page (200, or 304 for its ETag) is
/// public for <see cref="CdnOptions.SharedMaxAge"/>, tagged with what it shows (`Surrogate-Key`, space-separated, and
/// `Cache-Tag`, comma-separated: the output cache's own tags, which a save purges); a signed-in reader's is
/// `private, no-store`. Set as the response starts, on a cache hit as on a render: the output cache stores headers
/// before that, so these follow the settings and the request, never a stored copy. Every response that could have been
/// compressed says `Vary: Accept-Encoding`, the uncompressed one too (the compression adds it only to what it compresses):
/// a CDN that stored the plain copy first would otherwise serve it to every reader.
/// </summary>
public static class SharedCacheHeaders
{
    public const string SurrogateKey = "Surrogate-Key";
    public const string CacheTag = "Cache-Tag";

    public static void Register(OutputCacheContext context, CdnOptions cdn, IResponseCompressionProvider compression)
    {
        // The output cache's default policy allows storage only for anonymous GET and HEAD requests.
        var anonymousRead = context.AllowCacheStorage;
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            VaryByEncoding(context.HttpContext, compression);
            if (!anonymousRead)
            {
                headers.CacheControl = "private, no-store";
            }
            else if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified
                && !headers.ContainsKey(HeaderNames.SetCookie))
            {
                headers.CacheControl = cdn.PublicCacheControl;
                headers[SurrogateKey] = string.Join(' ', context.Tags);
                headers[CacheTag] = string.Join(',', context.Tags);
                // The output cache is the site's own and is evicted on every save, so its copy is never stale. Its Age
                // would count against s-maxage and make a CDN treat a page cached here for minutes as expired; so would
                // the Date it stored with the page (a shared cache takes now less Date as the age, RFC 9111 4.2.3):
                // without it Kestrel dates the answer when it is sent.
                headers.Remove(HeaderNames.Age);
                headers.Remove(HeaderNames.Date);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Says `Vary: Accept-Encoding` on a starting response the compression could have compressed, if it does not yet: the
    /// compression says it only on what it compresses. A 304 is judged by its Content-Type as its 200 would be; the output
    /// cache's 304 has none, and stands for a reader page or an API answer, which are compressible.
    /// </summary>
    public static void VaryByEncoding(HttpContext context, IResponseCompressionProvider compression)
    {
        var response = context.Response;
        var compressible = response.StatusCode == StatusCodes.Status304NotModified && response.ContentType is null
            || compression.ShouldCompressResponse(context);
        if (compressible && !response.Headers.Vary.Any(v => v?.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase) == true))
            response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
    }

    /// <summary>
    /// <see cref="VaryByEncoding"/> on every response of the branch, in front of its response compression: robots.txt,
    /// feeds and sitemaps, error pages, health answers, static files, their 304s and HEAD answers, as for reader pages.
    /// </summary>
    public static IApplicationBuilder UseVaryByEncoding(this IApplicationBuilder app)
    {
        var compression = app.ApplicationServices.GetRequiredService<IResponseCompressionProvider>();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                VaryByEncoding(context, compression);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}

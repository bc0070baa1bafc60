using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace GutImmune.Web.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>Output caching of reader pages, Brotli/gzip compression, long-lived fingerprinted static files.</summary>
    public static IServiceCollection AddReaderCaching(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            // Pages are stored compressed (a few KB each): 64 MB holds thousands, and bounds memory on a large site.
            options.SizeLimit = 64 * 1024 * 1024;
            options.AddPolicy(ReaderPageCache.ArticlePolicy, policy => policy
                .Expire(ReaderPageCache.ArticleLifetime)
                .SetVaryByHeader(HeaderNames.AcceptEncoding));
            options.AddPolicy(ReaderPageCache.ListingPolicy, policy => policy
                .Expire(ReaderPageCache.ListingLifetime)
                .SetVaryByQuery("q", "page")
                .SetVaryByHeader(HeaderNames.AcceptEncoding)
                .Tag(ReaderPageCache.ListingsTag));
        });
        services.AddResponseCompression(options =>
        {
            // Over HTTPS too: reader pages carry no secrets. Admin pages (antiforgery tokens) are never compressed (BREACH).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/atom+xml", "image/svg+xml"]);
        });
        // Compressed once and then served from the output cache, so the smaller output is worth the slower level.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.AddScoped<ReaderPageCache>();
        return services;
    }

    /// <summary>The reader-side pipeline: output cache outermost, then compression and ETags (none of it for /admin).</summary>
    public static IApplicationBuilder UseReaderCaching(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin"), reader => reader
            .UseResponseCompression()
            .UseMiddleware<ETagMiddleware>());
        return app;
    }

    /// <summary>Files requested with their version hash (asp-append-version) never change: browsers may keep them a year.</summary>
    public static StaticFileOptions StaticFiles => new()
    {
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.Headers;
            headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=3600";
        },
    };
}

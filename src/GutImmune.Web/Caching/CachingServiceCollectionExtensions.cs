using System.IO.Compression;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Output caching of reader pages with headers for a CDN in front (`Cdn` section) and its purge on a save,
    /// Brotli/gzip compression, long-lived fingerprinted static files.
    /// </summary>
    public static IServiceCollection AddReaderCaching(this IServiceCollection services)
    {
        services.AddOptions<CdnOptions>().BindConfiguration(CdnOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations()
            .Validate(cdn => cdn.HasValidPurgeUrl, "Cdn:PurgeUrl must be an absolute http or https address.").ValidateOnStart();
        services.AddOptions<ReaderCacheOptions>().BindConfiguration(ReaderCacheOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<CdnPurge>((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<CdnOptions>>().Value.PurgeTimeout);
        services.AddOutputCache();
        // The reader pages' (ReaderPagePolicy; decided by PageAdmission): about as many pages as the cache holds (16 KB
        // each) are stored from their first reading, the rest of those missed lately from their second.
        services.AddSingleton(provider =>
        {
            var megabytes = provider.GetRequiredService<IOptions<ReaderCacheOptions>>().Value.OutputCacheMegabytes;
            return new CacheAdmission(keptFromFirstReading: megabytes * 64, window: megabytes * 1024);
        });
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ReaderCacheOptions>>((options, readerCache) =>
        {
            options.SizeLimit = readerCache.Value.OutputCacheMegabytes * 1024L * 1024;
            options.AddPolicy(ReaderPageCache.ArticlePolicy, policy => policy
                .Expire(ReaderPageCache.ArticleLifetime)
                .AddPolicy<ReaderPagePolicy.Article>());
            options.AddPolicy(ReaderPageCache.ListingPolicy, policy => policy
                .Expire(ReaderPageCache.ListingLifetime)
                .AddPolicy<ReaderPagePolicy.Listing>());
        });
        services.AddOptions<CacheTagHelperOptions>().Configure<IOptions<ReaderCacheOptions>>((options, readerCache) =>
            options.SizeLimit = readerCache.Value.ArticleMarkupMegabytes * 1024L * 1024);
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
        services.AddSingleton<ArticleCreditsCache>();
        services.AddSingleton<ScheduledPublicationEviction>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledPublicationEviction>());
        services.AddSingleton<RepeatedEviction>();
        services.AddHostedService(provider => provider.GetRequiredService<RepeatedEviction>());
        services.AddSingleton<UncachedRenderLimit>();
        services.AddSingleton<ConcurrentRenderLimit>();
        return services;
    }

    /// <summary>
    /// The reader-side pipeline: output cache outermost, then the end of requests whose client went away (so that a render
    /// the cache shares never fails for the readers still waiting), the limits on renders it could not spare (per client,
    /// then for the whole site), whether it is to store a page it missed and renders now, then compression and ETags (none
    /// of it for /admin or /review).
    /// </summary>
    public static IApplicationBuilder UseReaderCaching(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        app.UseMiddleware<AbortedRequests>();
        // Only what the output cache passes on gets here: a miss, or a signed-in reader, whom it never serves. The client's
        // limit first: a client over it takes none of the site's renders.
        if (app.ApplicationServices.GetRequiredService<UncachedRenderLimit>().RateLimiterOptions is { } perClient)
            app.UseWhen(context => IsReaderPage(context) && !IsSignedIn(context), render => render.UseRateLimiter(perClient));
        // The content API is never in the output cache: each call is a render. It has its own limits per client.
        if (app.ApplicationServices.GetRequiredService<ConcurrentRenderLimit>() is { IsOn: true } siteWide)
            app.UseWhen(context => (IsReaderPage(context) || ContentApiEndpoints.IsApiRequest(context)) && !IsSignedIn(context),
                render => render.Use(next => context => siteWide.InvokeAsync(context, next)));
        // After the limits: a render they refused (429, 503) is no reading the admission counts.
        app.UseMiddleware<PageAdmission>();
        // Neither for review links: their pages carry an antiforgery token too, and are never stored.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin") && !context.Request.Path.StartsWithSegments("/review"), reader => reader
            .UseVaryByEncoding()
            .UseResponseCompression()
            .UseMiddleware<ETagMiddleware>());
        return app;
    }

    private static bool IsReaderPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null;

    private static bool IsSignedIn(HttpContext context) => context.User.Identity?.IsAuthenticated == true;

    /// <summary>
    /// Compresses the site's own stylesheets, scripts and SVG as they are served (Brotli or gzip, as the browser accepts).
    /// Not precompressed at publish: MapStaticAssets, which would, does not serve a wwwroot outside the project folder
    /// (docs/style.md); these files are small and, requested with their version hash, kept by browsers and CDNs for a year.
    /// </summary>
    public static IApplicationBuilder UseStaticFileCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/css") || context.Request.Path.StartsWithSegments("/js")
            || context.Request.Path.Value?.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) == true,
            files => files.UseVaryByEncoding().UseResponseCompression());

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

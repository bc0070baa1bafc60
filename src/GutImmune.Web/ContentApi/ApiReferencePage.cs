using GutImmune.Web.Security;
using Scalar.AspNetCore;

namespace GutImmune.Web.ContentApi;

/// <summary>
/// The OpenAPI document (Microsoft.AspNetCore.OpenApi, at /openapi/v1.json) and its interactive reference page (Scalar,
/// whose script the package serves from this site). The page's inline start-up script carries a fresh nonce, and its
/// policy adds that nonce and inline styles (the reference injects its own), on this page only.
/// </summary>
public static class ApiReferencePage
{
    public const string Path = "/api/reference";
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // GET only: each operation also answers HEAD, which the description says once instead of repeating every operation.
            options.ShouldInclude = description => description.HttpMethod == HttpMethods.Get
                && description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "GutImmune content API";
                document.Info.Description = "Published, medically reviewed GutImmune articles for syndication: schema.org " +
                    "MedicalWebPage JSON with Markdown and HTML, references and review dates. Every operation answers HEAD too. " +
                    "Send a key in the X-Api-Key header for the keyed quota; without one a small anonymous quota applies. Answers carry " +
                    "an ETag (send If-None-Match for a 304). Errors are problem details (RFC 9457).";
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().RequireCors(ContentApiEndpoints.CorsPolicy);
        endpoints.MapScalarApiReference(Path, options => options
            .WithTitle("GutImmune content API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            // Nothing on the page calls services outside this site: no AI agent, MCP, telemetry or developer toolbar.
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .WithNonce());
        return endpoints;
    }

    /// <summary>Widens the Content-Security-Policy for the reference page alone; every other page keeps the site's.</summary>
    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), page => page.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                    context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy
                        .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'")
                        // Scalar sets style attributes and style elements from its script (Chromium reports each blocked).
                        .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
                return Task.CompletedTask;
            });
            return next(context);
        }));
}

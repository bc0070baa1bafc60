using System.ComponentModel;
using GutImmune.Web.Operations;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace GutImmune.Web.ContentApi;

/// <summary>
/// The read-only content API under <c>/api/v1</c> for syndication: GET and HEAD, CORS for any origin without
/// credentials, problem details (RFC 9457) for every error, cacheable answers (the ETag middleware answers 304).
/// </summary>
public static class ContentApiEndpoints
{
    public const string CorsPolicy = "ContentApi";

    /// <summary>Browsers and shared caches may keep an answer a minute, then revalidate it with its ETag.</summary>
    public const string CacheControl = "public, max-age=60";

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IServiceCollection AddContentApi(this IServiceCollection services)
    {
        services.AddOptions<ContentApiOptions>().BindConfiguration(ContentApiOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ArticleCatalog>();
        services.AddScoped<ApiKeyStore>();
        services.AddRateLimiter(options => options.AddPolicy<string, ApiRateLimit>(ApiRateLimit.Name));
        services.AddProblemDetails();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(ReadMethods)
            .WithHeaders(ApiKeyHeader, HeaderNames.IfNoneMatch)
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.RetryAfter)));
        services.AddApiReference();
        return services;
    }

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Recognises API keys; before the rate limiter, which partitions by them.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyRecognition>();

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ArticleCatalog.BasePath);

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ArticleCatalog.BasePath)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(ApiRateLimit.Name)
            .WithTags("Content")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddEndpointFilter(async (context, next) =>
            {
                if (context.HttpContext.Features.Get<ApiClient>()?.KeyId is { } keyId)
                    await context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>().RecordUseAsync(keyId, context.HttpContext.RequestAborted);
                var response = context.HttpContext.Response;
                response.OnStarting(() =>
                {
                    if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                        response.Headers.CacheControl = CacheControl;
                    return Task.CompletedTask;
                });
                return await next(context);
            });

        api.MapMethods("/articles", ReadMethods, ListArticlesAsync)
            .WithName("ListArticles").WithSummary("Published articles, a page at a time")
            .WithDescription("Filters combine. Pass the answer's nextCursor (with the same orderBy) to get the next page.")
            .ProducesValidationProblem();
        api.MapMethods("/articles/{slug}", ReadMethods, GetArticleAsync)
            .WithName("GetArticle").WithSummary("A published article as schema.org MedicalWebPage JSON-LD")
            .WithMetadata(new ArticleAddressAttribute())
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapMethods("/articles/{slug}/sections/{sectionSlug}", ReadMethods, GetSectionAsync)
            .WithName("GetSection").WithSummary("One section of a published article with the references it cites")
            .WithMetadata(new ArticleAddressAttribute())
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapMethods("/topics", ReadMethods, ListTopicsAsync)
            .WithName("ListTopics").WithSummary("Topics that have published articles, with how many");
        endpoints.MapApiReference();
        return endpoints;
    }

    private static async Task<Results<Ok<ApiArticleList>, ValidationProblem>> ListArticlesAsync(
        ArticleCatalog catalog, HttpRequest http,
        [Description("Only articles filed under this topic slug.")] string? topic,
        [Description("Only articles modified at or after this time (ISO 8601, e.g. 2025-01-31T09:00:00Z).")] string? modifiedSince,
        [Description("Only articles last reviewed on or after this date (yyyy-MM-dd).")] string? reviewedSince,
        [Description("Only articles whose next review is due before this date (yyyy-MM-dd).")] string? reviewDueBefore,
        [Description("dateModified (newest first, the default), lastReviewed (newest first) or nextReview (soonest first); ties by article.")] string? orderBy,
        [Description("The nextCursor of the previous page, with the same orderBy.")] string? cursor,
        [Description("Articles per page, 1 to 100 (default 20).")] string? limit,
        CancellationToken cancellationToken)
    {
        var (request, errors) = ArticleListRequest.Parse(http.Query, topic, modifiedSince, reviewedSince, reviewDueBefore, orderBy, cursor, limit);
        if (request is null)
            return TypedResults.ValidationProblem(errors, title: "A query parameter has a value this API does not accept.");
        return TypedResults.Ok(await catalog.ListAsync(request, cancellationToken));
    }

    private static async Task<Results<Ok<ApiMedicalWebPage>, RedirectHttpResult, ProblemHttpResult>> GetArticleAsync(
        ArticleCatalog catalog, ArticleReader reader, HttpRequest http, string slug, CancellationToken cancellationToken)
    {
        if (await catalog.ArticleAsync(slug, cancellationToken) is { } article)
            return TypedResults.Ok(article);
        if (await MovedAsync(reader, http, slug, cancellationToken) is { } moved)
            return moved;
        return NotFound("No published article has this slug.");
    }

    private static async Task<Results<Ok<ApiSectionDocument>, RedirectHttpResult, ProblemHttpResult>> GetSectionAsync(
        ArticleCatalog catalog, ArticleReader reader, HttpRequest http, string slug, string sectionSlug, CancellationToken cancellationToken)
    {
        if (await catalog.SectionAsync(slug, sectionSlug, cancellationToken) is { } section)
            return TypedResults.Ok(section);
        if (await reader.MovedSectionAddressAsync(slug, sectionSlug, SectionPathOf, http.QueryString, cancellationToken) is { } moved)
            return TypedResults.Redirect(moved, permanent: true);
        return NotFound("No published article has this slug, or it has no section with this slug.");
    }

    /// <summary>
    /// A 301 from an article's former slug to its current one (with the query), as its reader page answers; a slug spelt
    /// with capitals was sent to its lower-case address before (<see cref="CanonicalRedirect"/>).
    /// </summary>
    private static async Task<RedirectHttpResult?> MovedAsync(ArticleReader reader, HttpRequest http, string slug, CancellationToken cancellationToken) =>
        await reader.MovedAddressAsync(slug, ArticlePathOf, "", http.QueryString, cancellationToken) is { } moved
            ? TypedResults.Redirect(moved, permanent: true)
            : null;

    /// <summary>The path <see cref="GetArticleAsync"/> answers for <paramref name="slug"/>.</summary>
    private static string ArticlePathOf(string slug) => $"{ArticleCatalog.BasePath}/articles/{Uri.EscapeDataString(slug)}";

    /// <summary>The path <see cref="GetSectionAsync"/> answers for <paramref name="slug"/> and <paramref name="sectionSlug"/>.</summary>
    private static string SectionPathOf(string slug, string sectionSlug) => $"{ArticlePathOf(slug)}/sections/{Uri.EscapeDataString(sectionSlug)}";

    private static async Task<Ok<ApiTopicList>> ListTopicsAsync(ArticleCatalog catalog, ArticleReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiTopicList(await catalog.TopicsAsync(reader, cancellationToken)));

    /// <summary>A 404 that says where the published articles are listed, as the API's 404 for an unknown address does.</summary>
    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: $"{detail} Published articles are listed at {ArticleCatalog.BasePath}/articles.");
}

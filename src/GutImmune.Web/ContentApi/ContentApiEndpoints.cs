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
        services.AddOptions<ContentApiOptions>().BindConfiguration(ContentApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ArticleCatalog>();
        services.AddProblemDetails();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(ReadMethods)
            .WithHeaders(ApiKeyHeader, HeaderNames.IfNoneMatch)
            .WithExposedHeaders(HeaderNames.ETag, HeaderNames.RetryAfter)));
        return services;
    }

    public const string ApiKeyHeader = "X-Api-Key";

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ArticleCatalog.BasePath);

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ArticleCatalog.BasePath)
            .RequireCors(CorsPolicy)
            .WithTags("Content")
            .AddEndpointFilter(async (context, next) =>
            {
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
            .WithName("GetArticle").WithSummary("A published article as schema.org MedicalWebPage JSON-LD");
        api.MapMethods("/articles/{slug}/sections/{sectionSlug}", ReadMethods, GetSectionAsync)
            .WithName("GetSection").WithSummary("One section of a published article with the references it cites");
        api.MapMethods("/topics", ReadMethods, ListTopicsAsync)
            .WithName("ListTopics").WithSummary("Topics that have published articles, with how many");
        return endpoints;
    }

    /// <param name="topic">Only articles filed under this topic slug.</param>
    /// <param name="modifiedSince">Only articles modified at or after this time (ISO 8601).</param>
    /// <param name="reviewedSince">Only articles last reviewed on or after this date (yyyy-MM-dd).</param>
    /// <param name="reviewDueBefore">Only articles whose next review is due before this date (yyyy-MM-dd).</param>
    /// <param name="orderBy">dateModified (newest first, the default), lastReviewed (newest first) or nextReview (soonest first).</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="limit">Articles per page, 1 to 100 (default 20).</param>
    private static async Task<Results<Ok<ApiArticleList>, ValidationProblem>> ListArticlesAsync(
        ArticleCatalog catalog, string? topic, string? modifiedSince, string? reviewedSince, string? reviewDueBefore,
        string? orderBy, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        var (request, errors) = ArticleListRequest.Parse(topic, modifiedSince, reviewedSince, reviewDueBefore, orderBy, cursor, limit);
        if (request is null)
            return TypedResults.ValidationProblem(errors, title: "A query parameter has a value this API does not accept.");
        return TypedResults.Ok(await catalog.ListAsync(request, cancellationToken));
    }

    private static async Task<Results<Ok<ApiMedicalWebPage>, ProblemHttpResult>> GetArticleAsync(
        ArticleCatalog catalog, string slug, CancellationToken cancellationToken) =>
        await catalog.ArticleAsync(slug, cancellationToken) is { } article
            ? TypedResults.Ok(article)
            : NotFound("No published article has this slug.");

    private static async Task<Results<Ok<ApiSectionDocument>, ProblemHttpResult>> GetSectionAsync(
        ArticleCatalog catalog, string slug, string sectionSlug, CancellationToken cancellationToken) =>
        await catalog.SectionAsync(slug, sectionSlug, cancellationToken) is { } section
            ? TypedResults.Ok(section)
            : NotFound("No published article has this slug, or it has no section with this slug.");

    private static async Task<Ok<ApiTopicList>> ListTopicsAsync(ArticleCatalog catalog, ArticleReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiTopicList(await catalog.TopicsAsync(reader, cancellationToken)));

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}

using Microsoft.Extensions.Options;

namespace GutImmune.Web.Reading;

/// <summary>
/// The site's public address for canonical URLs, feeds and sitemaps: `Site:BaseUrl` when configured (set it in
/// production, e.g. https://gutimmune.example), otherwise the address of the request.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> options, IHttpContextAccessor accessor, LinkGenerator links)
{
    public const string SiteName = "GutImmune";
    private const string BaseUrlSetting = "Site:BaseUrl";

    private static readonly LinkOptions CanonicalForm = new() { LowercaseUrls = true, AppendTrailingSlash = false };

    /// <summary>Found once per request (this service is scoped): an article page asks for it four times or more.</summary>
    public string BaseUrl => field ??= FindBaseUrl();

    // The bound options, not the configuration's indexer, which asks every provider in turn.
    private string FindBaseUrl()
    {
        if (options.Value.BaseUrl is { Length: > 0 } configured)
            return configured.TrimEnd('/');
        var request = accessor.HttpContext?.Request;
        return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}";
    }

    /// <summary>Whether pages name a configured address; otherwise they name the host each request was sent to.</summary>
    public static bool HasConfiguredBaseUrl(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[BaseUrlSetting]);

    public string Absolute(string path) => BaseUrl + path;

    /// <summary>
    /// The path of the page being served as its route generates it from the route values (or <paramref name="values"/>),
    /// never copied from the request: lower-case (every slug is) and without a trailing slash, whatever case or slash the
    /// request used. An endpoint with a name (the content API's) is found by it: it has no controller and action values.
    /// </summary>
    public string? CanonicalPath(HttpContext context, RouteValueDictionary? values = null) =>
        links.GetPathByRouteValues(context, context.GetEndpoint()?.Metadata.GetMetadata<IRouteNameMetadata>()?.RouteName,
            values ?? context.Request.RouteValues, options: CanonicalForm);

    /// <summary>
    /// The absolute canonical URL of the page being served, with <paramref name="pageNumber"/> past the first: the page
    /// of a paged list as it was built, never a query value copied from the request (a page that has no pages would
    /// name the `?page=` of whichever request rendered it, and keep it in the output cache).
    /// </summary>
    public string? CanonicalUrl(HttpContext context, int pageNumber) =>
        CanonicalPath(context) is { } path ? Absolute(path) + (pageNumber > 1 ? $"?page={pageNumber}" : "") : null;
}

/// <summary>The `Site` section, checked at start; <see cref="SiteAddress"/> reads it.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The public address, e.g. https://gutimmune.example; unset, the address each request was sent to.</summary>
    public string? BaseUrl { get; set; }

    public bool HasValidBaseUrl =>
        string.IsNullOrEmpty(BaseUrl) || Uri.TryCreate(BaseUrl, UriKind.Absolute, out var address) && address.Scheme is "http" or "https";
}

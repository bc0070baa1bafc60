namespace GutImmune.Web.Reading;

/// <summary>
/// The site's public address for canonical URLs, feeds and sitemaps: `Site:BaseUrl` when configured (set it in
/// production, e.g. https://gutimmune.example), otherwise the address of the request.
/// </summary>
public sealed class SiteAddress(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public const string SiteName = "GutImmune";

    public string BaseUrl
    {
        get
        {
            if (configuration["Site:BaseUrl"] is { Length: > 0 } configured)
                return configured.TrimEnd('/');
            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}";
        }
    }

    public string Absolute(string path) => BaseUrl + path;
}

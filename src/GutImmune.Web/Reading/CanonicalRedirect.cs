using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Reading;

/// <summary>
/// Reader pages (those the output cache keeps) and the content API's article and section documents answer at one address.
/// A request for one with an upper-case letter or a trailing slash is sent with 301 to the path its route generates, query
/// kept, before the output cache (whose key ignores case) can serve or store it, so no request can put its own spelling
/// into a cached page's canonical link. An article's or a section's former slug so spelt goes straight to the current
/// address, as the lower-case one does (<see cref="ArticleAddressAttribute"/>). It runs after CORS, so an API client in a
/// browser may follow the 301.
/// </summary>
public sealed class CanonicalRedirect(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.GetEndpoint()?.Metadata is { } endpoint
            && (endpoint.GetMetadata<OutputCacheAttribute>() is not null || endpoint.GetMetadata<ArticleAddressAttribute>() is not null)
            && IsNonCanonical(request.Path)
            && context.RequestServices.GetRequiredService<SiteAddress>().CanonicalPath(context) is { } canonical)
            return RedirectAsync(context, endpoint.GetMetadata<ArticleAddressAttribute>() is not null, canonical);
        return next(context);
    }

    private static async Task RedirectAsync(HttpContext context, bool articleAddress, string canonical)
    {
        if (articleAddress)
            canonical = await RenamedAsync(context, canonical);
        context.Response.Redirect(canonical + context.Request.QueryString, permanent: true);
    }

    /// <summary>
    /// The <paramref name="canonical"/> path at the article's current slug when its slug is a former one, and for a
    /// section's address at the section's current slug when that is a former one.
    /// </summary>
    private static async Task<string> RenamedAsync(HttpContext context, string canonical)
    {
        var slug = ((string)context.Request.RouteValues["slug"]!).ToLowerInvariant();
        var reader = context.RequestServices.GetRequiredService<ArticleReader>();
        var address = context.RequestServices.GetRequiredService<SiteAddress>();
        if (context.Request.RouteValues["sectionSlug"] is string sectionSlug)
            return await reader.MovedSectionAddressAsync(slug, sectionSlug.ToLowerInvariant(),
                (current, currentSection) => address.CanonicalPath(context, new(context.Request.RouteValues) { ["slug"] = current, ["sectionSlug"] = currentSection }) ?? canonical,
                QueryString.Empty, context.RequestAborted) ?? canonical;
        return await reader.CurrentSlugAsync(slug, context.RequestAborted) is { } current
            && current != slug
            && address.CanonicalPath(context, new(context.Request.RouteValues) { ["slug"] = current }) is { } moved
                ? moved
                : canonical;
    }

    // Only the two differences the generated path never has, so the redirect cannot loop. A '%' left in the path is an
    // escape the server could not decode (`%C0%AE` is no UTF-8): no slug holds one, so the route finds nothing, whereas
    // the generated path would escape it again (`%25C0%25AE`) and redirect to another address that names nothing.
    private static bool IsNonCanonical(PathString path) =>
        path.Value is { } value && !value.Contains('%') && (value.Any(char.IsAsciiLetterUpper) || value.Length > 1 && value.EndsWith('/'));
}

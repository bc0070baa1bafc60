using System.Text;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// Decides, before a reader page the output cache missed is rendered, whether the cache is to store it (the
/// <see cref="CacheAdmission"/> of <see cref="ReaderPagePolicy"/>'s pages: from the second reading while many pages miss).
/// Not in the policy's <see cref="IOutputCachePolicy.ServeResponseAsync"/>: the cache asks that only after the page is
/// written, and it buffers every page it may still store into a new 80 KB array as it is written, so deciding there left
/// each page read once about 80 KB to allocate and zero for nothing (bench/README, fourteenth round). The cache's
/// request coalescing is unchanged: readers waiting for a page that is not stored render it themselves, as before. A
/// miss that then answers 404 counts as a reading too: its status is known only once it is rendered.
/// </summary>
public sealed class PageAdmission(RequestDelegate next, CacheAdmission admission)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { AllowCacheStorage: true } cache && !admission.Admits(KeyOf(cache)))
            cache.AllowCacheStorage = false;
        return next(context);
    }

    /// <summary>The page as the cache tells it apart: its path and the query values it varies by (not the encoding: any reading counts).</summary>
    private static string KeyOf(OutputCacheContext context)
    {
        var request = context.HttpContext.Request;
        var queryKeys = context.CacheVaryByRules.QueryKeys;
        if (queryKeys.Count == 0)
            return request.Path.Value ?? "";
        var key = new StringBuilder(request.Path.Value);
        foreach (var queryKey in queryKeys)
            key.Append('\u001e').Append(queryKey).Append('=').Append(request.Query[queryKey!].ToString());
        return key.ToString();
    }
}

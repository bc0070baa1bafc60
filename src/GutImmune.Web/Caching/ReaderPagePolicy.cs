using System.Collections.Concurrent;
using GutImmune.Web.Operations;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace GutImmune.Web.Caching;

/// <summary>
/// What one cached reader page is, and what it says to shared caches. A page is one entry per path, per value of the
/// query keys its action binds (<c>[FromQuery]</c>: `page`, `q`) and per encoding the response compression will choose
/// (br, gzip or none). Any other query key (`?v=123`), or another spelling of the same Accept-Encoding, is served the
/// same entry: nothing a client adds to a request makes a new one. The host is part of the key only while pages are
/// built from it (no `Site:BaseUrl`). The page's tag (<see cref="TagOf"/>) names what it shows, for eviction on a
/// save and as the CDN's surrogate key. Each lookup is counted as a hit or a miss (<see cref="SiteMetrics"/>): the output
/// cache calls <see cref="IOutputCachePolicy.ServeFromCacheAsync"/> when it found the page and
/// <see cref="IOutputCachePolicy.ServeResponseAsync"/> when the page was rendered for storing; it calls neither for
/// signed-in staff, whose pages it never looks up. A rendered page is stored only when the <see cref="CacheAdmission"/>
/// admits it (from its second reading while many pages miss), decided before it is rendered (<see cref="PageAdmission"/>).
/// </summary>
public abstract class ReaderPagePolicy(IResponseCompressionProvider compression, IConfiguration configuration, IOptions<CdnOptions> cdn,
    SiteMetrics metrics) : IOutputCachePolicy
{
    private readonly ConcurrentDictionary<Endpoint, StringValues> _queryKeys = new();
    private readonly bool _pagesNameTheHost = !SiteAddress.HasConfiguredBaseUrl(configuration);

    protected abstract string TagOf(HttpContext context);

    /// <summary>The kind of page in the cache's hit and miss counts.</summary>
    protected abstract string Kind { get; }

    /// <summary>Article and section pages and their citation downloads: tagged with the article.</summary>
    public sealed class Article(IResponseCompressionProvider compression, IConfiguration configuration, IOptions<CdnOptions> cdn,
        SiteMetrics metrics) : ReaderPagePolicy(compression, configuration, cdn, metrics)
    {
        protected override string Kind => "article";

        protected override string TagOf(HttpContext context) => ReaderPageCache.ArticleTagOf(context);
    }

    /// <summary>Pages that list articles: tagged as a listing, which every save evicts.</summary>
    public sealed class Listing(IResponseCompressionProvider compression, IConfiguration configuration, IOptions<CdnOptions> cdn,
        SiteMetrics metrics) : ReaderPagePolicy(compression, configuration, cdn, metrics)
    {
        protected override string Kind => "listing";

        protected override string TagOf(HttpContext context) => ReaderPageCache.ListingsTag;
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var rules = context.CacheVaryByRules;
        rules.QueryKeys = http.GetEndpoint() is { } endpoint ? _queryKeys.GetOrAdd(endpoint, QueryKeysOf) : StringValues.Empty;
        rules.HeaderNames = StringValues.Empty;
        rules.VaryByValues["encoding"] = compression.GetCompressionProvider(http)?.EncodingName ?? "identity";
        rules.VaryByHost = _pagesNameTheHost;
        context.Tags.Add(TagOf(http));
        SharedCacheHeaders.Register(context, cdn.Value, compression);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        metrics.CacheHit(Kind);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        metrics.CacheMiss(Kind);
        return ValueTask.CompletedTask;
    }

    private static StringValues QueryKeysOf(Endpoint endpoint) =>
        new(endpoint.Metadata.GetMetadata<ControllerActionDescriptor>()?.Parameters
            .Where(parameter => parameter.BindingInfo?.BindingSource == BindingSource.Query)
            .Select(parameter => parameter.BindingInfo!.BinderModelName ?? parameter.Name)
            .ToArray() ?? []);
}

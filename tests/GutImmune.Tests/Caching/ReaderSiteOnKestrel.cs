using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Caching;

/// <summary>
/// The site on Kestrel at a free port of 127.0.0.1, so that requests go through the real HTTP stack (headers as a CDN
/// would see them), counting the actions it runs: a request the output cache answers runs none.
/// </summary>
public class ReaderSiteOnKestrel : GutImmuneFactory
{
    private int _renders;

    public ReaderSiteOnKestrel()
    {
        UseKestrel(0);
        Settings["Security:CookiesRequireHttps"] = "false";
    }

    /// <summary>Actions run so far (pages rendered rather than served from the output cache).</summary>
    public int Renders => Volatile.Read(ref _renders);

    public HttpClient CreateHttpClient()
    {
        StartServer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = ClientOptions.BaseAddress };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<MvcOptions>(options => options.Filters.Add(new RenderCounter(this))));
    }

    private sealed class RenderCounter(ReaderSiteOnKestrel site) : IActionFilter
    {
        public void OnActionExecuting(ActionExecutingContext context) => Interlocked.Increment(ref site._renders);

        public void OnActionExecuted(ActionExecutedContext context) { }
    }
}

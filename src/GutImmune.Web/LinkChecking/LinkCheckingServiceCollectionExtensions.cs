using GutImmune.Web.Operations;
using GutImmune.Web.Reading;
using GutImmune.Web.Security;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.LinkChecking;

public static class LinkCheckingServiceCollectionExtensions
{
    /// <summary>The reference link checker: its HTTP client (public addresses only, no automatic redirects), the pass and the background service.</summary>
    public static IServiceCollection AddLinkChecking(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<LinkCheckOptions>()
            .Configure(options => options.Enabled = environment.IsProduction())
            .Bind(configuration.GetSection(LinkCheckOptions.Section), SettingBinding.RefuseUnknownNames)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(LinkChecker.ClientName, client =>
            {
                // LinkChecker times each request itself (LinkCheck:Timeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent(configuration));
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = PublicNetworkConnections.CreateHandler(provider.GetRequiredService<IOptions<LinkCheckOptions>>().Value.AllowNonPublicAddresses);
                // LinkChecker follows redirects itself, so that each hop is recorded and limited.
                handler.AllowAutoRedirect = false;
                return handler;
            });
        services.AddSingleton<LinkChecker>();
        services.AddScoped<LinkCheckRun>();
        services.AddScoped<LinkCheckReport>();
        services.AddHostedService<LinkCheckService>();
        return services;
    }

    /// <summary>An honest User-Agent: what is asking, and the site to ask about it (Site:BaseUrl, when set).</summary>
    public static string UserAgent(IConfiguration configuration) =>
        configuration["Site:BaseUrl"] is { Length: > 0 } site
            ? $"{SiteAddress.SiteName}-LinkChecker/1.0 (+{site.TrimEnd('/')}; checks the links of its article references)"
            : $"{SiteAddress.SiteName}-LinkChecker/1.0 (checks the links of its article references)";
}

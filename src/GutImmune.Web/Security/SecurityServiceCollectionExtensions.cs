using System.Net;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Largest request body (Kestrel's limit): every field of an article form at its limit fits. The article import
    /// sets its own, larger limit for its file.
    /// </summary>
    public const int MaxRequestBodyBytes = 512 * 1024;

    /// <summary>
    /// Cookies, forwarded headers from a reverse proxy, HSTS and request limits. Cookies are Secure outside
    /// Development; `Security:CookiesRequireHttps=false` allows plain HTTP on a trusted loopback only (benchmarks).
    /// </summary>
    public static IServiceCollection AddSiteSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section, SettingBinding.RefuseUnknownNames).ValidateOnStart();
        // The antiforgery and message cookies are Secure whenever the request is (always, behind TLS). Requiring it
        // outright would make the sign-in page fail on a plain-HTTP request instead of showing it.
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "GutImmune.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        // Around the framework's own antiforgery (an internal type): a form read cut off by a reset is an abort, not a bad token.
        var antiforgery = services.Single(s => s.ServiceType == typeof(IAntiforgery));
        services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(provider =>
            new FormReadAbortsAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(provider, antiforgery.ImplementationType!))));
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "GutImmune.Messages";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Behind a TLS-terminating proxy: trust X-Forwarded-For/-Proto only from the proxies named in configuration.
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section, SettingBinding.RefuseUnknownNames)
            .Validate(proxy => proxy.KnownProxies.All(address => IPAddress.TryParse(address, out _)),
                "ReverseProxy:KnownProxies must be IP addresses, e.g. 10.0.0.5.")
            .Validate(proxy => proxy.KnownNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _)),
                "ReverseProxy:KnownNetworks must be networks in CIDR form, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((options, proxyOptions) =>
        {
            var proxy = proxyOptions.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var address in proxy.KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxy.KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            if (proxy.AllowedHosts.Length > 0)
                options.AllowedHosts = proxy.AllowedHosts;
        });
        services.Configure<MvcOptions>(options => options.Filters.Add(new RequestTooLargeFilter()));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }
}

/// <summary>The `ReverseProxy` section: which proxies may tell the site the client's address and scheme.</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";
    /// <summary>Proxy addresses, e.g. "10.0.0.5". Loopback is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>Host names the proxy may forward (X-Forwarded-Host); empty accepts any.</summary>
    public string[] AllowedHosts { get; set; } = [];
}

/// <summary>The `Security` section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>`false` allows the sign-in cookie over plain HTTP: on a trusted loopback only (benchmarks).</summary>
    public bool CookiesRequireHttps { get; set; } = true;

    /// <summary>The sign-in cookie is Secure, except in Development or where plain HTTP is explicitly allowed.</summary>
    public CookieSecurePolicy SignInCookiePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() || !CookiesRequireHttps ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}

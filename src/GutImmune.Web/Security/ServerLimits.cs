using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GutImmune.Web.Security;

/// <summary>
/// Kestrel's settings: no Server header, the request body size, and the connection limits and timeouts of the `Kestrel:Limits` section
/// (appsettings.json), so that a flood of idle connections is refused beyond a bound instead of exhausting the
/// process's file descriptors and memory.
/// </summary>
public static class ServerLimits
{
    public const string Section = "Kestrel:Limits";

    public static void Apply(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        // No `Server: Kestrel`: nothing tells a scanner which server (and version) to try.
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = SecurityServiceCollectionExtensions.MaxRequestBodyBytes;
        // Kestrel binds only endpoints and certificates from its section by itself; its limits are bound here.
        configuration.GetSection(Section).Bind(kestrel.Limits);
    }
}

using GutImmune.Web.Operations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

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
        try
        {
            configuration.GetSection(Section).Bind(kestrel.Limits, SettingBinding.RefuseUnknownNames);
        }
        catch (Exception refused) when (refused.GetBaseException() is ArgumentException value)
        {
            // A limit's setter refuses the value (e.g. a negative count): a setting out of its values, said as such.
            throw new OptionsValidationException(Section, typeof(KestrelServerLimits), [$"{Section}: {value.Message}"]);
        }
    }
}

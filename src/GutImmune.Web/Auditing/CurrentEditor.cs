using System.Security.Claims;

namespace GutImmune.Web.Auditing;

/// <summary>Who is making the current request, for revisions and the audit log.</summary>
public sealed class CurrentEditor(IHttpContextAccessor accessor)
{
    public string Name => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "system";

    public string? RemoteIp => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

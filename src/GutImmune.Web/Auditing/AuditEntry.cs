namespace GutImmune.Web.Auditing;

/// <summary>A security-relevant event: sign-ins, failed sign-ins, publishing, deletions and user changes.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who acted: an account's email, or what was typed at a failed sign-in.</summary>
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Details { get; set; }
    public string? RemoteIp { get; set; }
}

using Microsoft.AspNetCore.Identity;

namespace GutImmune.Web.Accounts;

/// <summary>A person who signs in to the admin area. Disabled accounts cannot sign in and their sessions end.</summary>
public class EditorAccount : IdentityUser
{
    public required string DisplayName { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
}

using Microsoft.AspNetCore.Identity;

namespace GutImmune.Web.Accounts;

/// <summary>A person who signs in to the admin area. Disabled accounts cannot sign in and their sessions end.</summary>
public class EditorAccount : IdentityUser
{
    public required string DisplayName { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The password was made for this person by someone else (an admin, create-admin, the Development bootstrap) and
    /// has been seen by them: until its owner replaces it, the admin area only offers the change-password page.
    /// </summary>
    public bool MustChangePassword { get; set; }
}

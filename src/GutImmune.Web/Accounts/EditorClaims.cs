using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

/// <summary>
/// What the sign-in cookie says about its account beyond Identity's own claims. Each request compares them with the
/// account (<see cref="SessionCheck"/>), and rebuilds them when they differ, so they are never older than the request.
/// </summary>
public static class EditorClaims
{
    /// <summary>The account's display name: the person a review sign-off or a change is recorded under.</summary>
    public const string DisplayName = "gutimmune:display-name";

    /// <summary>Present while the account still has a one-time password (<see cref="EditorAccount.MustChangePassword"/>).</summary>
    public const string MustChangePassword = "gutimmune:must-change-password";

    public static string? GetDisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName);

    public static bool MustChangePasswordFirst(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePassword);
}

public sealed class EditorClaimsPrincipalFactory(
    UserManager<EditorAccount> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<EditorAccount, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(EditorAccount account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        identity.AddClaim(new Claim(EditorClaims.DisplayName, account.DisplayName));
        if (account.MustChangePassword)
            identity.AddClaim(new Claim(EditorClaims.MustChangePassword, "true"));
        return identity;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

/// <summary>Identity's sign-in, refusing disabled accounts (a disabled account's password still checks, but it may not sign in).</summary>
public sealed class EditorSignInManager(
    UserManager<EditorAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<EditorAccount> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<EditorAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<EditorAccount> confirmation)
    : SignInManager<EditorAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(EditorAccount user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}

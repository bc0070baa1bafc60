using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

/// <summary>
/// Identity's sign-in with the site's rules: disabled accounts may not sign in; failed password proofs are limited
/// per account and client address (<see cref="PasswordAttempts"/>) instead of locking the account; every attempt
/// verifies exactly one password hash whatever the account's state; signing out ends every session of the account.
/// </summary>
public sealed class EditorSignInManager(
    UserManager<EditorAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<EditorAccount> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<EditorAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<EditorAccount> confirmation,
    PasswordAttempts attempts)
    : SignInManager<EditorAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // Verified against when the account does not exist, so the answer takes as long as for a wrong password.
    private static readonly string DecoyHash = new PasswordHasher<EditorAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    public override async Task<bool> CanSignInAsync(EditorAccount user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>
    /// Signs in with a password and returns the account, or null — one answer for an unknown address, a wrong
    /// password, a disabled account and an address refused for too many failures. Each of them verifies one
    /// password hash (the account's, or a decoy), so the time taken does not tell them apart either.
    /// </summary>
    public async Task<EditorAccount?> SignInWithPasswordAsync(string email, string password)
    {
        var address = Context.Connection.RemoteIpAddress;
        var who = UserManager.NormalizeEmail(email) ?? "";
        var refused = attempts.RefusedFor(who, address) is not null;
        var account = await UserManager.FindByEmailAsync(email);
        bool passwordMatches;
        if (account is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(null!, DecoyHash, password);
            passwordMatches = false;
        }
        else
            passwordMatches = await UserManager.CheckPasswordAsync(account, password);
        if (refused || account is null || !passwordMatches || !await CanSignInAsync(account))
        {
            attempts.RecordFailure(who, address);
            return null;
        }
        attempts.RecordSuccess(who, address);
        await SignInAsync(account, isPersistent: false);
        return account;
    }

    /// <summary>
    /// Changes the signed-in account's password. A wrong current password counts as a failed sign-in from this
    /// address, and while the address is refused even the right one is not checked.
    /// </summary>
    public async Task<PasswordChange> ChangePasswordAsync(EditorAccount account, string currentPassword, string newPassword)
    {
        var address = Context.Connection.RemoteIpAddress;
        if (attempts.RefusedFor(account.NormalizedEmail!, address) is { } wait)
            return new PasswordChange.Refused(wait);
        var result = await UserManager.ChangePasswordAsync(account, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                attempts.RecordFailure(account.NormalizedEmail!, address);
            return new PasswordChange.Invalid(result.Errors);
        }
        attempts.RecordSuccess(account.NormalizedEmail!, address);
        if (account.MustChangePassword)
        {
            account.MustChangePassword = false;
            await UserManager.UpdateAsync(account);
        }
        // The security stamp changed: every other session of this account ends; this one is renewed.
        await RefreshSignInAsync(account);
        return new PasswordChange.Changed();
    }

    /// <summary>
    /// Signs out and ends every session of the account: a new security stamp makes each cookie issued before it
    /// invalid at its next request, including any copy of this one.
    /// </summary>
    public async Task SignOutEverySessionAsync()
    {
        if (await UserManager.GetUserAsync(Context.User) is { } account)
            await UserManager.UpdateSecurityStampAsync(account);
        await SignOutAsync();
    }
}

/// <summary>How a password change ended.</summary>
public abstract record PasswordChange
{
    private PasswordChange() { }

    public sealed record Changed : PasswordChange;

    /// <summary>The current password was wrong or the new one does not meet the policy.</summary>
    public sealed record Invalid(IEnumerable<IdentityError> Errors) : PasswordChange;

    /// <summary>Too many wrong current passwords from this address: nothing is checked for <paramref name="Wait"/>.</summary>
    public sealed record Refused(TimeSpan Wait) : PasswordChange;
}

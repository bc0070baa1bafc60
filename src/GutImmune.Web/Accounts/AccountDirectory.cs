using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Accounts;

/// <summary>Creates and changes editor accounts: the create-admin command, the Development bootstrap and the Users admin.</summary>
public sealed class AccountDirectory(UserManager<EditorAccount> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public Task<bool> AnyAccountAsync() => users.Users.AnyAsync();

    /// <summary>
    /// Creates an account with the given roles; the password must meet the policy. A password someone other than the
    /// account's owner has seen (<paramref name="mustChangePassword"/>) has to be changed at the first sign-in. The name,
    /// shown beside the person's work, is kept as plain text (<see cref="TextCharacters.ForPlainText"/>).
    /// </summary>
    public async Task<IdentityResult> CreateAsync(string email, string displayName, string password, IEnumerable<string> accountRoles,
        bool mustChangePassword = false)
    {
        await EnsureRolesAsync();
        var account = new EditorAccount
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = TextCharacters.ForVisiblePlainText(displayName) ?? email,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            MustChangePassword = mustChangePassword,
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(account, password);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // An account for this email was created at the same moment, after the validators' check: they are asked
            // again, and now answer as they do a moment later.
            return await ValidateAgainAsync(account);
        }
        if (!result.Succeeded)
            return result;
        result = await users.AddToRolesAsync(account, accountRoles.Distinct());
        if (result.Succeeded)
            await audit.RecordAsync(AuditLog.Actions.UserCreated, email, $"roles: {string.Join(", ", accountRoles)}");
        return result;
    }

    private async Task<IdentityResult> ValidateAgainAsync(EditorAccount account)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.UserValidators)
            errors.AddRange((await validator.ValidateAsync(users, account)).Errors);
        return IdentityResult.Failed([.. errors]);
    }

    /// <summary>Disables or enables an account. Disabling ends its sessions (the security stamp changes).</summary>
    public async Task<IdentityResult> SetDisabledAsync(EditorAccount account, bool disabled)
    {
        account.IsDisabled = disabled;
        var result = await users.UpdateAsync(account);
        if (result.Succeeded && disabled)
            result = await users.UpdateSecurityStampAsync(account);
        if (result.Succeeded)
            await audit.RecordAsync(AuditLog.Actions.UserChanged, account.Email!, disabled ? "disabled" : "enabled");
        return result;
    }

    /// <summary>Ends every session of the account at its next request (the security stamp changes); the password stays.</summary>
    public async Task<IdentityResult> SignOutEverywhereAsync(EditorAccount account)
    {
        var result = await users.UpdateSecurityStampAsync(account);
        if (result.Succeeded)
            await audit.RecordAsync(AuditLog.Actions.UserChanged, account.Email!, "signed out everywhere by an admin");
        return result;
    }

    /// <summary>
    /// Gives the account a new password that an admin passes on (so it must be changed at the next sign-in) and ends its
    /// sessions (a reset changes the security stamp): what an admin does for someone who forgot their password.
    /// </summary>
    public async Task<IdentityResult> ResetPasswordAsync(EditorAccount account, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, password);
        if (!result.Succeeded)
            return result;
        account.MustChangePassword = true;
        result = await users.UpdateAsync(account);
        if (result.Succeeded)
            await audit.RecordAsync(AuditLog.Actions.UserChanged, account.Email!, "password reset by an admin");
        return result;
    }

    public async Task<IdentityResult> SetRolesAsync(EditorAccount account, IReadOnlyCollection<string> wanted)
    {
        var current = await users.GetRolesAsync(account);
        var result = await users.RemoveFromRolesAsync(account, current.Except(wanted));
        if (result.Succeeded)
            result = await users.AddToRolesAsync(account, wanted.Except(current));
        // Role changes take effect at once: a session's cookie carries its roles, and the per-request check reads them
        // again only when the stamp changed (SessionCheck). Also when adding failed after removing: a role is gone.
        await users.UpdateSecurityStampAsync(account);
        if (result.Succeeded)
            await audit.RecordAsync(AuditLog.Actions.UserChanged, account.Email!, $"roles: {string.Join(", ", wanted.Order())}");
        return result;
    }
}

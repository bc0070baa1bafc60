using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

/// <summary>
/// The check of a sign-in cookie on every request, which ends sessions at once (README: disabling, a password or role
/// change, signing out). One read of the account: when its security stamp and what the cookie's claims were made from
/// are still as the cookie says, the cookie stands as it is. Anything else goes to Identity's own check, which rejects
/// the cookie or rebuilds its claims; that check reads the account, its claims, roles and role claims (five commands)
/// and issues a new cookie each time, so doing it on every request made each save pay for it.
/// Roles are not read: every change of them also changes the security stamp (<see cref="AccountDirectory.SetRolesAsync"/>).
/// </summary>
public static class SessionCheck
{
    /// <summary>What the next admin page (the sign-in page, as a rule) says after a request came with an ended session's cookie.</summary>
    public const string EndedNote = "Your session has ended: you signed out, your password or roles changed, or an admin signed you out "
        + "or disabled the account. Sign in again to go on.";

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var user = context.Principal;
        if (user?.FindFirst(claimTypes.UserIdClaimType)?.Value is { } id)
        {
            var account = await services.GetRequiredService<GutImmuneDbContext>().Users.AsNoTracking()
                .Where(a => a.Id == id)
                .Select(a => new { a.SecurityStamp, a.IsDisabled, a.DisplayName, a.MustChangePassword })
                .SingleOrDefaultAsync();
            if (account is { IsDisabled: false } && account.SecurityStamp is not null
                && account.SecurityStamp == user.FindFirst(claimTypes.SecurityStampClaimType)?.Value
                && account.DisplayName == user.GetDisplayName() && account.MustChangePassword == user.MustChangePasswordFirst())
                return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
            KeepEndedNote(context.HttpContext);
    }

    /// <summary>
    /// In TempData's cookie (protected, so no link can make the page say it), which lasts until an admin page shows it:
    /// the ended cookie may be met on a reader page, which has no note to show, and the editor signs in later.
    /// </summary>
    private static void KeepEndedNote(HttpContext context)
    {
        var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        tempData.SetFlashMessage(EndedNote);
        tempData.Save();
    }
}

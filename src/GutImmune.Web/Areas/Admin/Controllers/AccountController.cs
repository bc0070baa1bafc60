using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GutImmune.Web.Areas.Admin.Controllers;

public class AccountController(
    SignInManager<EditorAccount> signIn,
    UserManager<EditorAccount> users,
    IPasswordHasher<EditorAccount> hasher,
    AuditLog audit) : AdminController
{
    // One answer for unknown accounts, wrong passwords, locked and disabled accounts: nothing tells which it was.
    private const string SignInFailed =
        "That email and password did not work. After several failed attempts an account is locked for a while; try again later or ask an admin.";

    // Verified against when the account does not exist, so the answer takes as long as for a wrong password.
    private static readonly string DecoyHash = new PasswordHasher<EditorAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    [AllowAnonymous]
    [HttpGet("/admin/sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("/admin/sign-in")]
    [EnableRateLimiting(AccountServiceCollectionExtensions.SignInRateLimit)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid)
            return View(form);

        var account = await users.FindByEmailAsync(form.Email);
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash, form.Password);
        }
        else
        {
            var result = await signIn.PasswordSignInAsync(account, form.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await audit.RecordAsync(AuditLog.Actions.SignIn, account.Email!, actor: account.Email);
                return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/admin");
            }
        }
        await audit.RecordAsync(AuditLog.Actions.SignInFailed, form.Email, account is null ? "no such account" : "refused", actor: form.Email);
        ModelState.AddModelError("", SignInFailed);
        form.Password = "";
        return View(form);
    }

    [HttpPost("/admin/sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await audit.RecordAsync(AuditLog.Actions.SignOut, EditorName);
        await signIn.SignOutAsync();
        TempData["Message"] = "You are signed out.";
        return Redirect("/admin/sign-in");
    }

    [AllowAnonymous]
    [HttpGet("/admin/access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet("/admin/account/password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("/admin/account/password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!ModelState.IsValid)
            return View(new ChangePasswordForm());
        var account = await users.GetUserAsync(User);
        if (account is null)
            return Challenge();
        var result = await users.ChangePasswordAsync(account, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.Contains("Mismatch") ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            return View(new ChangePasswordForm());
        }
        // The security stamp changed: every other session of this account ends; this one is renewed.
        await signIn.RefreshSignInAsync(account);
        await audit.RecordAsync(AuditLog.Actions.PasswordChanged, account.Email!);
        TempData["Message"] = "Your password has been changed. Other sessions of your account have been signed out.";
        return Redirect("/admin");
    }
}

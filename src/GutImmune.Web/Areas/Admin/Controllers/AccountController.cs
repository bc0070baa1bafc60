using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GutImmune.Web.Areas.Admin.Controllers;

public class AccountController(EditorSignInManager signIn, UserManager<EditorAccount> users, AuditLog audit) : AdminController
{
    // One answer for unknown accounts, wrong passwords, disabled accounts and refused addresses: nothing tells which it was.
    private const string SignInFailed =
        "That email and password did not work. After several failed attempts, signing in to an account from your address is paused for a while; try again later or ask an admin.";

    [AllowAnonymous]
    [HttpGet("/admin/sign-in")]
    public IActionResult SignIn(string? returnUrl) => View(new SignInForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("/admin/sign-in")]
    [EnableRateLimiting(AccountServiceCollectionExtensions.PasswordRateLimit)]
    public async Task<IActionResult> SignIn(SignInForm form)
    {
        if (!ModelState.IsValid)
            return View(form);

        var account = await signIn.SignInWithPasswordAsync(form.Email, form.Password);
        if (account is not null)
        {
            await audit.RecordAsync(AuditLog.Actions.SignIn, account.Email!, actor: account.Email);
            if (account.MustChangePassword)
            {
                TempData.SetFlashMessage("Your password was made for you by someone else: choose your own before going on.");
                return RedirectToAction(nameof(ChangePassword));
            }
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : Url.Action(nameof(DashboardController.Index), "Dashboard")!);
        }
        await audit.RecordAsync(AuditLog.Actions.SignInFailed, form.Email, "refused", actor: form.Email);
        ModelState.AddModelError("", SignInFailed);
        form.Password = "";
        return View(form);
    }

    [HttpPost("/admin/sign-out")]
    [AllowedWithOneTimePassword]
    public new async Task<IActionResult> SignOut()
    {
        await audit.RecordAsync(AuditLog.Actions.SignOut, EditorName);
        await signIn.SignOutEverySessionAsync();
        TempData.SetFlashMessage("You are signed out.");
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("/admin/access-denied")]
    [AllowedWithOneTimePassword]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet(OneTimePasswordGateAttribute.ChangePasswordPath)]
    [AllowedWithOneTimePassword]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost(OneTimePasswordGateAttribute.ChangePasswordPath)]
    [AllowedWithOneTimePassword]
    [EnableRateLimiting(AccountServiceCollectionExtensions.PasswordRateLimit)]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!ModelState.IsValid)
            return View(new ChangePasswordForm());
        var account = await users.GetUserAsync(User);
        if (account is null)
            return Challenge();
        switch (await signIn.ChangePasswordAsync(account, form.CurrentPassword, form.NewPassword))
        {
            case PasswordChange.Refused refused:
                var minutes = Math.Max(1, (int)Math.Ceiling(refused.Wait.TotalMinutes));
                ModelState.AddModelError(nameof(form.CurrentPassword),
                    $"Too many wrong passwords were entered from your address. Try again in {minutes} minutes.");
                return View(new ChangePasswordForm());
            case PasswordChange.Invalid invalid:
                foreach (var error in invalid.Errors)
                    ModelState.AddModelError(error.Code.Contains("Mismatch") ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
                return View(new ChangePasswordForm());
        }
        await audit.RecordAsync(AuditLog.Actions.PasswordChanged, account.Email!);
        TempData.SetFlashMessage("Your password has been changed. Other sessions of your account have been signed out.");
        return RedirectToAction(nameof(DashboardController.Index), "Dashboard");
    }
}

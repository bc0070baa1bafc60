using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Areas.Admin.Controllers;

[Route("admin/users")]
[Authorize(Policy = Policies.ManageUsers)]
public class UsersController(UserManager<EditorAccount> users, AccountDirectory directory) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var accounts = await users.Users.OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var account in accounts)
            rows.Add(await RowAsync(account));
        return View(rows);
    }

    [HttpGet("new")]
    public IActionResult Create() => View(new NewUserForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewUserForm form)
    {
        var roles = form.Roles.Intersect(Roles.All).ToList();
        if (roles.Count == 0)
            ModelState.AddModelError(nameof(form.Roles), "Choose at least one role: what this person may do.");
        if (!ModelState.IsValid)
            return View(form);
        var password = PasswordGenerator.Generate();
        var result = await directory.CreateAsync(form.Email.Trim(), form.DisplayName.Trim(), password, roles, mustChangePassword: true);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.Contains("Email") || error.Code.Contains("UserName") ? nameof(form.Email) : "", error.Description);
            return View(form);
        }
        return View("Created", (form.Email.Trim(), password));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id)
    {
        var account = await users.FindByIdAsync(id);
        return account is null ? NotFound() : View(new UserEditPage(await RowAsync(account), account.Id == users.GetUserId(User)));
    }

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> SetRoles(string id, List<string> roles)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null)
            return NotFound();
        var wanted = roles.Intersect(Roles.All).ToList();
        if (wanted.Count == 0)
            ModelState.AddModelError("Roles", "Choose at least one role; to stop someone signing in, disable the account.");
        if (account.Id == users.GetUserId(User) && !wanted.Contains(Roles.Admin))
            ModelState.AddModelError("Roles", "You cannot remove the Admin role from your own account; ask another admin.");
        if (!ModelState.IsValid)
            return View("Edit", new UserEditPage(await RowAsync(account), account.Id == users.GetUserId(User)));
        await directory.SetRolesAsync(account, wanted);
        TempData.SetFlashMessage($"Roles of {account.Email} are now: {string.Join(", ", wanted)}.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id}/disable")]
    public Task<IActionResult> Disable(string id) => SetDisabledAsync(id, true);

    [HttpPost("{id}/enable")]
    public Task<IActionResult> Enable(string id) => SetDisabledAsync(id, false);

    [HttpPost("{id}/sign-out")]
    public async Task<IActionResult> SignOutEverywhere(string id)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null)
            return NotFound();
        if (account.Id == users.GetUserId(User))
            return await RefusedForOwnAccountAsync(account, "To end your own other sessions, change your password: that signs out everywhere but here.");
        await directory.SignOutEverywhereAsync(account);
        TempData.SetFlashMessage($"{account.Email} has been signed out everywhere; their password still works.");
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null)
            return NotFound();
        if (account.Id == users.GetUserId(User))
            return await RefusedForOwnAccountAsync(account, "You cannot reset your own password here; change it on your account page.");
        var password = PasswordGenerator.Generate();
        var result = await directory.ResetPasswordAsync(account, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("", error.Description);
            return View("Edit", new UserEditPage(await RowAsync(account), false));
        }
        return View("PasswordReset", (account.Email ?? "", password));
    }

    private async Task<IActionResult> RefusedForOwnAccountAsync(EditorAccount account, string why)
    {
        ModelState.AddModelError("", why);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Edit", new UserEditPage(await RowAsync(account), true));
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null)
            return NotFound();
        if (disabled && account.Id == users.GetUserId(User))
            return await RefusedForOwnAccountAsync(account, "You cannot disable your own account.");
        await directory.SetDisabledAsync(account, disabled);
        TempData.SetFlashMessage(disabled ? $"{account.Email} is disabled and has been signed out." : $"{account.Email} can sign in again.");
        return RedirectToAction(nameof(Index));
    }

    private async Task<UserRow> RowAsync(EditorAccount account) => new(account.Id, account.Email ?? "", account.DisplayName,
        (await users.GetRolesAsync(account)).Order().ToList(), account.IsDisabled, account.MustChangePassword);
}

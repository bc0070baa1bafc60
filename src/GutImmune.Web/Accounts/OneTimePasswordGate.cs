using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GutImmune.Web.Accounts;

/// <summary>
/// Sends an account that still has its one-time password to the change-password page from every admin page, until
/// the password is changed; actions marked <see cref="AllowedWithOneTimePasswordAttribute"/> (changing it, signing
/// out) stay open.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class OneTimePasswordGateAttribute : Attribute, IAuthorizationFilter
{
    public const string ChangePasswordPath = "/admin/account/password";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.User.MustChangePasswordFirst()
            && !context.ActionDescriptor.EndpointMetadata.OfType<AllowedWithOneTimePasswordAttribute>().Any())
            context.Result = new RedirectResult(ChangePasswordPath);
    }
}

/// <summary>An admin action an account with a one-time password may use.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllowedWithOneTimePasswordAttribute : Attribute;

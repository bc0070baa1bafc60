using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using GutImmune.Web.Data;
using GutImmune.Web.Operations;
using GutImmune.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>The rate limit of forms that check a password: sign-in and change password.</summary>
    public const string PasswordRateLimit = "password";

    /// <summary>Identity with cookie sign-in, the admin area's policies and the limits on guessing passwords.</summary>
    public static IServiceCollection AddEditorAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var limits = configuration.GetSection(SignInLimits.Section).Get<SignInLimits>(SettingBinding.RefuseUnknownNames) ?? new SignInLimits();
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();

        // Where the keys are kept (the database) and how they are protected at rest is AddScaleOut's choice.
        services.AddDataProtection().SetApplicationName("GutImmune");
        services.AddIdentity<EditorAccount, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                // Failed passwords are limited per account and address (PasswordAttempts), never by locking the account.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<GutImmuneDbContext>()
            .AddSignInManager<EditorSignInManager>()
            .AddClaimsPrincipalFactory<EditorClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "GutImmune.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = "/admin/sign-in";
            cookie.LogoutPath = "/admin/sign-out";
            cookie.AccessDeniedPath = "/admin/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            var redirectToSignIn = cookie.Events.OnRedirectToLogin;
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (!CalledFromScriptAttribute.IsOn(context.HttpContext))
                    return redirectToSignIn(context);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return context.Response.WriteAsJsonAsync(new { error = CalledFromScriptAttribute.SignInExpired, signIn = cookie.LoginPath.Value });
            };
            var redirectToAccessDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                if (CalledFromScriptAttribute.IsOn(context.HttpContext))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return context.Response.WriteAsJsonAsync(new { error = CalledFromScriptAttribute.NotAllowed });
                }
                // Opening a page the role may not see leads to the access-denied page; a form it may not post is answered
                // 403 with that page's content on the spot (the status-code page, ErrorController), not redirected as if it
                // had been taken.
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    return redirectToAccessDenied(context);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // The error page reads nothing of the database, not even this check: while the database is away the check
            // fails, and failing again inside the error page would leave the editor without any page.
            cookie.Events.OnValidatePrincipal = context => context.HttpContext.Features.Get<IExceptionHandlerFeature>() is null
                ? SessionCheck.ValidatePrincipalAsync(context)
                : Task.CompletedTask;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityOptions>>(
            (cookie, security) => cookie.Cookie.SecurePolicy = security.Value.SignInCookiePolicy(environment));
        // Check the security stamp on every request: signing out, a disabled account or a changed password ends
        // sessions at once (SessionCheck; Identity's own check, which it hands over to, rebuilds the claims).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.EditContent, policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.ReviewContent, policy => policy.RequireRole(Roles.Admin, Roles.Reviewer))
            .AddPolicy(Policies.ManageUsers, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManageApiKeys, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManageWebhooks, policy => policy.RequireRole(Roles.Admin));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Policies without a refusal of their own (the password forms') say when to try again, as the others do.
            options.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(PasswordRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientNetwork.Of(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddSingleton<PasswordAttempts>();
        services.AddScoped<AccountDirectory>();
        return services;
    }

    /// <summary>
    /// Authentication for requests that carry a cookie. Every sign-in Identity knows (the editor's session, its external
    /// and two-factor schemes) is a cookie, so a request without one is anonymous whatever the handlers say; asking them
    /// anyway made each reader's request build Identity's cookie handler (with a logger of its own) and time it: 6 % of a
    /// cached page's CPU. Authorization still challenges such a request on a page that needs a role, as before.
    /// </summary>
    public static IApplicationBuilder UseCookieAuthentication(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Request.Headers.Cookie.Count > 0, withCookie => withCookie.UseAuthentication());
        // WebApplication adds UseAuthentication at the start of the pipeline unless this key says it was called, and a
        // branch's call marks only the branch (AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey, internal).
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }

    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
}

/// <summary>The `SignIn` configuration section: how hard guessing passwords is made.</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";
    /// <summary>Sign-in and change-password attempts allowed per client address per minute.</summary>
    [Range(1, int.MaxValue)]
    public int AttemptsPerMinute { get; set; } = 10;
    /// <summary>Failed passwords for one account from one address before that address is refused for it.</summary>
    [Range(1, int.MaxValue)]
    public int FailuresBeforeLockout { get; set; } = 5;
    /// <summary>The first refusal's length; each further one of the same address within a day doubles it (up to a day).</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;
}

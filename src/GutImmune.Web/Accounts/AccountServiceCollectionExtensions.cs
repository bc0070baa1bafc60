using System.Threading.RateLimiting;
using GutImmune.Web.Data;
using GutImmune.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace GutImmune.Web.Accounts;

public static class AccountServiceCollectionExtensions
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>Identity with cookie sign-in, the admin area's policies and the sign-in rate limit.</summary>
    public static IServiceCollection AddEditorAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var limits = configuration.GetSection(SignInLimits.Section).Get<SignInLimits>() ?? new SignInLimits();

        // Where the keys are kept (the database, or Redis for several instances) is AddScaleOut's choice.
        services.AddDataProtection().SetApplicationName("GutImmune");
        services.AddIdentity<EditorAccount, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.MaxFailedAccessAttempts = limits.FailuresBeforeLockout;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(limits.LockoutMinutes);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<GutImmuneDbContext>()
            .AddSignInManager<EditorSignInManager>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "GutImmune.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = SecurityServiceCollectionExtensions.CookieSecurePolicyFor(configuration, environment);
            cookie.LoginPath = "/admin/sign-in";
            cookie.LogoutPath = "/admin/sign-out";
            cookie.AccessDeniedPath = "/admin/access-denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // Check the security stamp on every request: a disabled account or a changed password ends sessions at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.EditContent, policy => policy.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.ReviewContent, policy => policy.RequireRole(Roles.Admin, Roles.Reviewer))
            .AddPolicy(Policies.ManageUsers, policy => policy.RequireRole(Roles.Admin));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddScoped<AccountDirectory>();
        return services;
    }
}

/// <summary>The `SignIn` configuration section: how hard guessing passwords is made.</summary>
public sealed class SignInLimits
{
    public const string Section = "SignIn";
    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int AttemptsPerMinute { get; set; } = 10;
    public int FailuresBeforeLockout { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
}

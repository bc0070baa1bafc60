using Microsoft.AspNetCore.Identity;

namespace GutImmune.Web.Accounts;

/// <summary>
/// The first account. There is no default password anywhere: `create-admin` generates one (or reads one from
/// standard input) and prints it once; in Development an empty site gets an admin whose random password is logged once.
/// </summary>
public static class AdminBootstrap
{
    public const string DevelopmentAdminEmail = "admin@gutimmune.localhost";

    public static async Task EnsureDevelopmentAdminAsync(IServiceProvider services, ILogger logger)
    {
        var directory = services.GetRequiredService<AccountDirectory>();
        await directory.EnsureRolesAsync();
        if (await directory.AnyAccountAsync())
            return;
        var password = PasswordGenerator.Generate();
        var result = await directory.CreateAsync(DevelopmentAdminEmail, "Development admin", password, [Roles.Admin], mustChangePassword: true);
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not create the development admin: " + Describe(result));
        logger.LogWarning(
            "Development admin created. Sign in at /admin/sign-in as {Email} with password {Password} (shown only this once; you will be asked to change it).",
            DevelopmentAdminEmail, password);
    }

    /// <summary>`create-admin --email a@b.org [--name "A Person"] [--password-stdin]`; returns the process exit code.</summary>
    public static async Task<int> RunCreateAdminCommandAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var email = Option("--email");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            output.WriteLine("Usage: create-admin --email <address> [--name \"Display Name\"] [--password-stdin]");
            return 2;
        }
        var readPassword = args.Contains("--password-stdin");
        var password = readPassword ? (input.ReadLine() ?? "").Trim() : PasswordGenerator.Generate();

        var users = services.GetRequiredService<UserManager<EditorAccount>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            output.WriteLine($"An account for {email} already exists; nothing changed.");
            return 1;
        }
        // A generated password is printed, so it must be changed at first sign-in; one read from standard input was chosen.
        var result = await services.GetRequiredService<AccountDirectory>().CreateAsync(email, Option("--name") ?? email, password, [Roles.Admin],
            mustChangePassword: !readPassword);
        if (!result.Succeeded)
        {
            output.WriteLine($"Could not create {email}: {Describe(result)}");
            return 1;
        }
        output.WriteLine($"Created admin account {email}.");
        if (!readPassword)
        {
            output.WriteLine($"Password (shown only this once): {password}");
            output.WriteLine("It must be changed at the first sign-in.");
        }
        return 0;
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

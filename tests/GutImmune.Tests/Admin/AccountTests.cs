using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

public class AccountTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<string> SignInErrorAsync(string email, string password)
    {
        var session = new StaffSession(factory.CreateBrowserClient());
        var response = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await StaffSession.ParseAsync(response)).QuerySelector(".error-summary li")!.TextContent;
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_get_the_same_answer()
    {
        var (email, _) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);

        var unknown = await SignInErrorAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.org", "Wrong-password-123");
        var wrong = await SignInErrorAsync(email, "Wrong-password-123");

        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task Unknown_account_takes_about_as_long_to_refuse_as_a_wrong_password()
    {
        var (email, _) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var session = new StaffSession(factory.CreateBrowserClient());
        async Task<double> MedianMillisecondsAsync(string who)
        {
            var times = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var page = await session.GetPageAsync("/admin/sign-in");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await session.SubmitAsync(page, "main form", new() { ["Email"] = who, ["Password"] = "Wrong-password-123" });
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(times.Count / 2);
        }

        var wrongPassword = await MedianMillisecondsAsync(email);
        var unknown = await MedianMillisecondsAsync($"nobody-{Guid.NewGuid():N}@example.org");

        // Both check a password hash (PBKDF2, tens of milliseconds); without the decoy check an unknown account would
        // be refused in a few milliseconds, a twentieth of the time or less. The bound is loose because the machine may be busy.
        Assert.True(unknown > wrongPassword * 0.15, $"unknown account {unknown:F0} ms, wrong password {wrongPassword:F0} ms");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        for (var i = 0; i < 5; i++)
            await SignInErrorAsync(email, "Wrong-password-123");

        var session = new StaffSession(factory.CreateBrowserClient());
        var response = await session.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/admin")).StatusCode);
        var users = await (await StaffSession.SignInAsync(factory, Roles.Admin)).GetPageAsync("/admin/users");
        Assert.Contains("Locked out", users.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email)).TextContent);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_at_once()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var editor = new StaffSession(factory.CreateBrowserClient());
        await editor.SignInAsync(email, password);
        await editor.GetPageAsync("/admin");
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var userUrl = (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("a").First(a => a.TextContent == email).GetAttribute("href")!;

        await admin.FollowAsync(await admin.SubmitAsync(userUrl, "form[action$='/disable']", []));

        var after = await editor.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_but_keeps_this_one()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var here = new StaffSession(factory.CreateBrowserClient());
        var elsewhere = new StaffSession(factory.CreateBrowserClient());
        await here.SignInAsync(email, password);
        await elsewhere.SignInAsync(email, password);
        var newPassword = PasswordGenerator.Generate();

        var changed = await here.SubmitAsync("/admin/account/password", "main form", new()
        {
            ["CurrentPassword"] = password, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword,
        });
        await here.FollowAsync(changed);

        Assert.Equal(HttpStatusCode.OK, (await here.Client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.Client.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_the_site(string returnUrl)
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var session = new StaffSession(factory.CreateBrowserClient());

        var response = await session.SubmitAsync("/admin/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), "main form",
            new() { ["Email"] = email, ["Password"] = password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var session = new StaffSession(factory.CreateBrowserClient());
        var challenge = await session.Client.GetAsync("/admin/articles");
        var signInUrl = challenge.Headers.Location!.PathAndQuery;

        var response = await session.SubmitAsync(signInUrl, "main form", new() { ["Email"] = email, ["Password"] = password });

        Assert.Equal("/admin/articles", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Audit_log_records_sign_ins_failures_and_user_changes()
    {
        var (email, _) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        await SignInErrorAsync(email, "Wrong-password-123");
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var log = (await admin.GetPageAsync("/admin/audit")).QuerySelector("tbody")!.TextContent;

        Assert.Contains("sign-in-failed", log);
        Assert.Contains("sign-in", log);
        Assert.Contains("user-created", log);
        Assert.Contains(email, log);
    }

    [Fact]
    public async Task Admin_creates_a_user_whose_one_time_password_works()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var email = $"new-{Guid.NewGuid():N}@example.org";

        var created = await admin.SubmitAsync("/admin/users/new", "main form", new() { ["Email"] = email, ["DisplayName"] = "New Reviewer", ["Roles"] = Roles.Reviewer });

        var page = await StaffSession.ParseAsync(created);
        var password = page.QuerySelector(".secret code")!.TextContent;
        var session = new StaffSession(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Weak_password_for_a_new_account_is_refused()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(factory.Services);
        var directory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AccountDirectory>(scope.ServiceProvider);

        var result = await directory.CreateAsync($"weak-{Guid.NewGuid():N}@example.org", "Weak", "password", [Roles.Editor]);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
    }
}

/// <summary>Sign-in attempts are rate limited per client address, before any password is checked.</summary>
public class SignInRateLimitTests : IClassFixture<SignInRateLimitTests.StrictSite>
{
    public sealed class StrictSite : GutImmuneFactory
    {
        public StrictSite() => Settings["SignIn:AttemptsPerMinute"] = "3";
    }

    private readonly StrictSite _site;

    public SignInRateLimitTests(StrictSite site) => _site = site;

    [Fact]
    public async Task Too_many_attempts_in_a_minute_are_answered_429()
    {
        var session = new StaffSession(_site.CreateBrowserClient());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await session.SignInAsync("someone@example.org", "Wrong-password-123")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}

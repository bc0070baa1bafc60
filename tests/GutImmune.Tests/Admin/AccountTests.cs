using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

public class AccountTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<string> SignInErrorAsync(string email, string password)
    {
        var session = new StaffSession(factory.CreateBrowserClient());
        var response = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
    public async Task Repeated_failures_from_an_address_refuse_even_the_right_password_from_there()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        for (var i = 0; i < 5; i++)
            await SignInErrorAsync(email, "Wrong-password-123");

        var session = new StaffSession(factory.CreateBrowserClient());
        var response = await session.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copy_of_its_cookie_is_refused()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var session = new StaffSession(factory.CreateBrowserClient());
        var signedIn = await session.SignInAsync(email, password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GutImmune.Auth=")).Split(';')[0];
        var copy = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        async Task<HttpResponseMessage> ReplayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
            request.Headers.Add("Cookie", cookie);
            return await copy.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync()).StatusCode);

        await session.SubmitAsync("/admin", "form[action='/admin/sign-out']", []);

        var replayed = await ReplayAsync();
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/admin/sign-in", replayed.Headers.Location!.PathAndQuery);
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
        Assert.Equal(HttpStatusCode.BadRequest, (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, password)).StatusCode);
    }

    /// <summary>An editor signed in on a browser of their own, and an admin who has found them on the Users page.</summary>
    private async Task<(StaffSession Editor, string Email, string Password, StaffSession Admin, string UserUrl)> SignedInEditorAndAdminAsync()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var editor = new StaffSession(factory.CreateBrowserClient());
        await editor.SignInAsync(email, password);
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var userUrl = (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("a").First(a => a.TextContent == email).GetAttribute("href")!;
        return (editor, email, password, admin, userUrl);
    }

    [Fact]
    public async Task A_session_found_ended_on_a_reader_page_is_still_explained_on_the_next_sign_in_page()
    {
        var (editor, _, _, admin, userUrl) = await SignedInEditorAndAdminAsync();
        await admin.FollowAsync(await admin.SubmitAsync(userUrl, $"form[action='{userUrl}/sign-out']", []));

        // The reader page meets the ended cookie first (and clears it); the editor goes to the admin afterwards.
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/articles/gut-immune-system-connection")).StatusCode);
        var after = await editor.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var signIn = await editor.GetPageAsync(after.Headers.Location!.ToString());
        Assert.Contains("Your session has ended", signIn.QuerySelector("main")!.TextContent);
        // Said once: the page after it does not repeat it.
        Assert.DoesNotContain("Your session has ended", (await editor.GetPageAsync("/admin/sign-in")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task An_admin_signing_someone_out_everywhere_ends_their_sessions_and_keeps_their_password()
    {
        var (editor, email, password, admin, userUrl) = await SignedInEditorAndAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin")).StatusCode);

        var done = await admin.FollowAsync(await admin.SubmitAsync(userUrl, $"form[action='{userUrl}/sign-out']", []));

        Assert.Contains("signed out everywhere", done.QuerySelector(".flash")!.TextContent);
        var after = await editor.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.ToString());
        Assert.Contains("Your session has ended", (await editor.GetPageAsync(after.Headers.Location!.ToString())).QuerySelector("main")!.TextContent);
        var stranger = await factory.CreateBrowserClient().GetAsync("/admin");
        Assert.DoesNotContain("Your session has ended", (await new StaffSession(factory.CreateBrowserClient()).GetPageAsync(stranger.Headers.Location!.ToString()))
            .QuerySelector("main")!.TextContent);
        // No link can make the page say it: the note comes from the protected TempData cookie, not the address.
        Assert.DoesNotContain("Your session has ended", (await new StaffSession(factory.CreateBrowserClient()).GetPageAsync("/admin/sign-in?ended=true"))
            .QuerySelector("main")!.TextContent);
        Assert.Equal("/admin", (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, password)).Headers.Location!.OriginalString);
        Assert.Contains("signed out everywhere by an admin", (await admin.GetPageAsync("/admin/audit")).Body!.TextContent);
    }

    [Fact]
    public async Task An_admin_resetting_a_password_ends_the_sessions_and_the_new_one_must_be_changed_at_sign_in()
    {
        var (editor, email, password, admin, userUrl) = await SignedInEditorAndAdminAsync();

        var reset = await admin.SubmitAsync(userUrl, $"form[action='{userUrl}/password']", []);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var newPassword = (await StaffSession.ParseAsync(reset)).QuerySelector(".secret code")!.TextContent;
        Assert.NotEqual(password, newPassword);
        Assert.Contains("no-store", reset.Headers.CacheControl!.ToString());
        var after = await editor.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, password)).StatusCode);
        Assert.Equal("/admin/account/password",
            (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, newPassword)).Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("sign-out")]
    [InlineData("password")]
    [InlineData("disable")]
    public async Task An_admin_cannot_sign_out_or_reset_their_own_account_from_the_users_page(string action)
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Admin);
        var admin = new StaffSession(factory.CreateBrowserClient());
        await admin.SignInAsync(email, password);
        var userUrl = (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("a").First(a => a.TextContent == email).GetAttribute("href")!;
        var page = await admin.GetPageAsync(userUrl);
        Assert.Null(page.QuerySelector($"form[action='{userUrl}/{action}']"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

        var refused = await admin.Client.PostAsync($"{userUrl}/{action}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("your own", (await StaffSession.ParseAsync(refused)).QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/admin")).StatusCode);
        Assert.Equal("/admin", (await new StaffSession(factory.CreateBrowserClient()).SignInAsync(email, password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Changing_an_accounts_roles_ends_its_session_at_once()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var editor = new StaffSession(factory.CreateBrowserClient());
        await editor.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/admin/articles/new")).StatusCode);
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var userUrl = (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("a").First(a => a.TextContent == email).GetAttribute("href")!;

        var changed = await admin.SubmitAsync(userUrl, $"form[action='{userUrl}/roles']", new() { ["Roles"] = Roles.Reviewer });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var after = await editor.Client.GetAsync("/admin/articles/new");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.ToString());
        await editor.SignInAsync(email, password);
        var asReviewer = await editor.Client.GetAsync("/admin/articles/new");
        Assert.Equal(HttpStatusCode.Redirect, asReviewer.StatusCode);
        Assert.Contains("/admin/access-denied", asReviewer.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_name_changed_behind_the_sites_back_is_rebuilt_into_the_sessions_cookie_at_its_next_request()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var editor = new StaffSession(factory.CreateBrowserClient());
        await editor.SignInAsync(email, password);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            await db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(a => a.SetProperty(u => u.DisplayName, "Renamed Directly"));
        }

        var rebuilt = await editor.Client.GetAsync("/admin");
        var next = await editor.Client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Contains("GutImmune.Auth=", string.Join(";", rebuilt.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.DoesNotContain("GutImmune.Auth=", string.Join(";", next.Headers.TryGetValues("Set-Cookie", out var again) ? again : []));
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
    public async Task A_one_time_password_from_an_admin_must_be_changed_before_anything_else()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var email = $"new-{Guid.NewGuid():N}@example.org";
        var created = await admin.SubmitAsync("/admin/users/new", "main form", new() { ["Email"] = email, ["DisplayName"] = "New Reviewer", ["Roles"] = Roles.Reviewer });
        var password = (await StaffSession.ParseAsync(created)).QuerySelector(".secret code")!.TextContent;
        var session = new StaffSession(factory.CreateBrowserClient());

        var signedIn = await session.SignInAsync(email, password);

        Assert.Equal("/admin/account/password", signedIn.Headers.Location!.OriginalString);
        foreach (var page in new[] { "/admin", "/admin/articles", "/admin/articles/1" })
        {
            var response = await session.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/account/password", response.Headers.Location!.OriginalString);
        }
        var newPassword = PasswordGenerator.Generate();
        await session.FollowAsync(await session.SubmitAsync("/admin/account/password", "main form", new()
        {
            ["CurrentPassword"] = password, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword,
        }));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/articles")).StatusCode);
        var again = new StaffSession(factory.CreateBrowserClient());
        Assert.Equal("/admin", (await again.SignInAsync(email, newPassword)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Create_admin_forces_a_change_of_a_generated_password_but_not_of_a_chosen_one()
    {
        async Task<bool> MustChangeAsync(string email, string[] arguments, string input)
        {
            using var scope = factory.Services.CreateScope();
            var exit = await AdminBootstrap.RunCreateAdminCommandAsync(scope.ServiceProvider, ["create-admin", "--email", email, .. arguments],
                new StringReader(input), TextWriter.Null);
            Assert.Equal(0, exit);
            return (await scope.ServiceProvider.GetRequiredService<UserManager<EditorAccount>>().FindByEmailAsync(email))!.MustChangePassword;
        }

        Assert.True(await MustChangeAsync($"generated-{Guid.NewGuid():N}@example.org", [], ""));
        Assert.False(await MustChangeAsync($"chosen-{Guid.NewGuid():N}@example.org", ["--password-stdin"], "A-chosen-passphrase-42"));
    }

    [Fact]
    public async Task Add_user_form_ticks_no_role_and_asks_for_one()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var form = await admin.GetPageAsync("/admin/users/new");
        Assert.Empty(form.QuerySelectorAll("input[name=Roles][checked]"));
        var response = await admin.SubmitAsync(form, "main form", new() { ["Email"] = $"norole-{Guid.NewGuid():N}@example.org", ["DisplayName"] = "No Role" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var roles = (await StaffSession.ParseAsync(response)).QuerySelector("fieldset")!;
        var message = Assert.Single(roles.QuerySelectorAll(".field-error"));
        Assert.Contains("Choose at least one role", message.TextContent);
        Assert.All(roles.QuerySelectorAll("input[name=Roles]"), box => Assert.Equal(message.Id, box.GetAttribute("aria-describedby")));
        // The summary's link moves focus to the first box.
        var page = roles.Owner!;
        Assert.Equal("#Roles", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Same(roles.QuerySelector("input[name=Roles]"), page.GetElementById("Roles"));
    }

    [Theory]
    [InlineData(Roles.Reviewer, false)]
    [InlineData(Roles.Editor, true)]
    [InlineData(Roles.Admin, true)]
    public async Task Dashboard_offers_new_article_and_import_only_to_those_who_may_edit(string role, bool offered)
    {
        var session = await StaffSession.SignInAsync(factory, role);

        foreach (var page in new[] { "/admin", "/admin/articles" })
        {
            var list = await session.GetPageAsync(page);

            Assert.Equal(offered, list.QuerySelector("main a[href='/admin/articles/new']") is not null);
            Assert.Equal(offered, list.QuerySelector("main a[href='/admin/articles/import']") is not null);
        }
    }

    [Fact]
    public async Task Wrong_current_passwords_are_limited_like_sign_in_and_then_even_the_right_one_waits()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);
        var session = new StaffSession(factory.CreateBrowserClient());
        await session.SignInAsync(email, password);
        var newPassword = PasswordGenerator.Generate();
        async Task<string> ChangeAsync(string current)
        {
            var response = await session.SubmitAsync("/admin/account/password", "main form", new()
            {
                ["CurrentPassword"] = current, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword,
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await StaffSession.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent;
        }

        for (var i = 0; i < 5; i++)
            Assert.Contains("Incorrect password", await ChangeAsync("Wrong-password-123"));
        var sixth = await ChangeAsync("Wrong-password-123");
        var right = await ChangeAsync(password);

        Assert.Contains("Too many wrong passwords", sixth);
        Assert.Contains("Too many wrong passwords", right);
        var stillOld = await factory.WithServiceAsync<UserManager<EditorAccount>, bool>(async users =>
            await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password));
        Assert.True(stillOld);
    }

    [Fact]
    public async Task Weak_password_for_a_new_account_is_refused()
    {
        using var scope = factory.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();

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
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answers.Add(await session.SignInAsync("someone@example.org", "Wrong-password-123"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        var refused = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await answers[^1].Content.ReadAsStringAsync());
        Assert.Equal("Too many requests", refused.QuerySelector("h1")?.TextContent);
        Assert.InRange(answers[^1].Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
    }
}

/// <summary>Change password shares the per-address limit of forms that check a password.</summary>
public class ChangePasswordRateLimitTests(SignInRateLimitTests.StrictSite site) : IClassFixture<SignInRateLimitTests.StrictSite>
{
    [Fact]
    public async Task Change_password_attempts_beyond_the_limit_are_answered_429()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(site, Roles.Editor);
        var session = new StaffSession(site.CreateBrowserClient());
        await session.SignInAsync(email, password);
        var page = await session.GetPageAsync("/admin/account/password");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await session.SubmitAsync(page, "main form", new() { ["CurrentPassword"] = "Wrong-password-123" })).StatusCode);

        // The sign-in took the first of the three attempts a minute this site allows.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }
}

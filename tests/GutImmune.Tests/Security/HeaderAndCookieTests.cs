using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Security;

public class HeaderAndCookieTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    public static TheoryData<string> Pages => ["/", "/articles/gut-immune-system-connection", "/search?q=gut", "/articles/nope", "/admin/sign-in", "/css/site.css", "/feed.xml"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await factory.CreateBrowserClient().GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
    }

    [Fact]
    public async Task Admin_pages_carry_the_security_headers_too()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var response = await admin.Client.GetAsync("/admin/articles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Sign_in_and_antiforgery_cookies_are_http_only_secure_and_same_site()
    {
        var client = factory.CreateBrowserClient();
        var signInPage = await client.GetAsync("/admin/sign-in");
        var antiforgery = signInPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GutImmune.Antiforgery="));
        var (email, password) = await StaffSession.CreateAccountAsync(factory, Roles.Editor);

        var signedIn = await new StaffSession(client).SignInAsync(email, password);

        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GutImmune.Auth="));
        foreach (var cookie in new[] { antiforgery, auth })
        {
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Post_with_a_wrong_antiforgery_token_is_refused()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var page = await editor.GetPageAsync("/admin/articles/new");

        var response = await editor.SubmitAsync(page, "main form", new()
        {
            ["__RequestVerificationToken"] = "CfDJ8forged", ["Title"] = "Forged", ["Summary"] = "x", ["AuthorName"] = "x",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Forged", await factory.CreateClient().GetStringAsync("/"));
    }
}

using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Every admin endpoint, enumerated from the app's own endpoint data source, so a new endpoint cannot slip through
/// without sign-in or with the wrong role.
/// </summary>
public class AuthorizationTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private static readonly string[] Anonymous = ["/admin/sign-in", "/admin/access-denied"];

    private sealed record AdminEndpoint(string Method, string Path, IReadOnlyList<string> Policies)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private IReadOnlyList<AdminEndpoint> AdminEndpoints()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} admin endpoints found");
        return endpoints.SelectMany(e =>
        {
            var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            return methods.Select(m => new AdminEndpoint(m, Fill(e.RoutePattern), policies));
        }).ToList();
    }

    /// <summary>A concrete path for a route pattern: numbers for ids, a word for other parameters.</summary>
    private static string Fill(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : "some-id",
            _ => "",
        }))));

    private static HttpRequestMessage Request(AdminEndpoint endpoint) => new(new HttpMethod(endpoint.Method), endpoint.Path)
    {
        Content = endpoint.Method == "GET" ? null : new FormUrlEncodedContent([]),
    };

    [Fact]
    public async Task Every_admin_endpoint_sends_anonymous_visitors_to_sign_in()
    {
        var client = factory.CreateBrowserClient();
        foreach (var endpoint in AdminEndpoints().Where(e => !Anonymous.Contains(e.Path)))
        {
            var response = await client.SendAsync(Request(endpoint));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{endpoint} answered {(int)response.StatusCode} to an anonymous visitor");
            Assert.StartsWith("https://localhost/admin/sign-in", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Editors_are_refused_wherever_only_admins_may_go()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminOnly = AdminEndpoints().Where(e => e.Policies.Contains(Policies.ManageUsers)).ToList();
        Assert.Contains(adminOnly, e => e.Path.StartsWith("/admin/users"));
        Assert.Contains(adminOnly, e => e.Path.StartsWith("/admin/audit"));

        foreach (var endpoint in adminOnly)
        {
            var response = await editor.Client.SendAsync(Request(endpoint));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/admin/access-denied",
                $"{endpoint} answered {(int)response.StatusCode} {response.Headers.Location} to an editor");
        }
    }

    [Fact]
    public async Task Reviewers_cannot_change_content_but_can_sign_off_reviews()
    {
        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var editing = AdminEndpoints().Where(e => e.Policies.Contains(Policies.EditContent)).ToList();
        Assert.Contains(editing, e => e.Method == "POST" && e.Path.EndsWith("/status"));

        foreach (var endpoint in editing)
        {
            var response = await reviewer.Client.SendAsync(Request(endpoint));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/admin/access-denied",
                $"{endpoint} answered {(int)response.StatusCode} to a reviewer");
        }
        Assert.Contains(AdminEndpoints(), e => e.Path.EndsWith("/review") && e.Policies.Contains(Policies.ReviewContent));
    }

    [Fact]
    public async Task Every_admin_post_requires_an_antiforgery_token()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        foreach (var endpoint in AdminEndpoints().Where(e => e.Method == "POST" && e.Path != "/admin/sign-in"))
        {
            var response = await admin.Client.SendAsync(Request(endpoint));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{endpoint} answered {(int)response.StatusCode} without an antiforgery token");
        }
    }

    [Fact]
    public async Task Admin_pages_are_never_cached()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        foreach (var endpoint in AdminEndpoints().Where(e => e.Method == "GET" && !e.Path.Contains("some-id") && !e.Path.Contains("/1/")))
        {
            var response = await admin.Client.GetAsync(endpoint.Path);

            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{endpoint} ({(int)response.StatusCode}) may be cached: {response.Headers.CacheControl}");
        }
    }
}

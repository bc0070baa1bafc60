using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using GutImmune.Web.People;
using GutImmune.Web.SitePages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Who may call which admin route is written out here, route by route, independently of the attributes on the
/// controllers: the tests check every role against this table. Every admin route of the app's endpoint data source
/// must have a row, so a new route cannot slip through without someone deciding who may use it.
/// </summary>
public class AuthorizationTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string Anonymous = "anonymous";

    // Who may call a route. Anyone includes visitors who are not signed in.
    private static readonly string[] Anyone = [Anonymous, Roles.Admin, Roles.Editor, Roles.Reviewer];
    private static readonly string[] Staff = [Roles.Admin, Roles.Editor, Roles.Reviewer];
    private static readonly string[] Writers = [Roles.Admin, Roles.Editor];
    private static readonly string[] Reviewers = [Roles.Admin, Roles.Reviewer];
    private static readonly string[] AdminsOnly = [Roles.Admin];

    /// <summary>The access table: method and route template (as declared on the controllers) to the roles allowed.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET admin/sign-in"] = Anyone,
        ["POST admin/sign-in"] = Anyone,
        ["GET admin/access-denied"] = Anyone,
        ["POST admin/sign-out"] = Staff,
        ["GET admin/account/password"] = Staff,
        ["POST admin/account/password"] = Staff,
        ["GET admin"] = Staff,

        ["GET admin/articles"] = Staff,
        ["GET admin/articles/new"] = Writers,
        ["POST admin/articles/new"] = Writers,
        ["GET admin/articles/{id:int}"] = Staff,
        ["POST admin/articles/{id:int}"] = Writers,
        ["GET admin/articles/{id:int}/unpublish"] = Writers,
        ["GET admin/articles/{id:int}/discard"] = Writers,
        ["POST admin/articles/{id:int}/discard"] = Writers,
        ["POST admin/articles/{id:int}/status"] = Staff, // which step each role may take is the workflow's to say (ReviewGateTests)
        ["POST admin/articles/{id:int}/review"] = Reviewers,
        ["GET admin/articles/{id:int}/preview"] = Staff,
        ["GET admin/articles/{id:int}/comments"] = Staff,
        ["POST admin/articles/{id:int}/comments"] = Staff,
        // Who may resolve or reopen which thread (Editors, Admins, its author) is ReviewComment's to say (ReviewCommentTests).
        ["POST admin/articles/{id:int}/comments/resolve"] = Staff,
        ["POST admin/articles/{id:int}/comments/reopen"] = Staff,
        ["POST admin/articles/{id:int}/markdown-preview"] = Writers,
        ["GET admin/articles/{id:int}/write"] = Writers,
        ["POST admin/articles/{id:int}/write"] = Writers,
        ["POST admin/articles/{id:int}/write/pending"] = Writers,
        ["POST admin/articles/{id:int}/write/pending/discard"] = Writers,
        ["POST admin/articles/{id:int}/content-checks/field"] = Writers,
        ["POST admin/articles/{id:int}/content-checks/marks"] = Writers,
        ["POST admin/articles/{id:int}/content-checks/marks/remove"] = Writers,
        ["GET admin/content-report"] = Staff,
        ["GET admin/articles/{id:int}/export"] = Staff,
        ["POST admin/articles/{id:int}/review-links"] = Writers,
        ["POST admin/articles/{id:int}/review-links/{linkId:int}/revoke"] = Writers,
        ["GET admin/articles/import"] = Writers,
        ["POST admin/articles/import"] = Writers,

        ["GET admin/articles/{articleId:int}/sections/new"] = Writers,
        ["POST admin/articles/{articleId:int}/sections/new"] = Writers,
        ["GET admin/articles/{articleId:int}/sections/{sectionId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/sections/{sectionId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/sections/{sectionId:int}/move"] = Writers,
        ["GET admin/articles/{articleId:int}/sections/{sectionId:int}/delete"] = Writers,
        ["POST admin/articles/{articleId:int}/sections/{sectionId:int}/delete"] = Writers,

        ["GET admin/articles/{articleId:int}/facts/new"] = Writers,
        ["POST admin/articles/{articleId:int}/facts/new"] = Writers,
        ["GET admin/articles/{articleId:int}/facts/{itemId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/facts/{itemId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/facts/{itemId:int}/move"] = Writers,
        ["GET admin/articles/{articleId:int}/facts/{itemId:int}/delete"] = Writers,
        ["POST admin/articles/{articleId:int}/facts/{itemId:int}/delete"] = Writers,

        ["GET admin/articles/{articleId:int}/causes/new"] = Writers,
        ["POST admin/articles/{articleId:int}/causes/new"] = Writers,
        ["GET admin/articles/{articleId:int}/causes/{itemId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/causes/{itemId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/causes/{itemId:int}/move"] = Writers,
        ["GET admin/articles/{articleId:int}/causes/{itemId:int}/delete"] = Writers,
        ["POST admin/articles/{articleId:int}/causes/{itemId:int}/delete"] = Writers,

        ["GET admin/articles/{articleId:int}/citations/picker"] = Writers,
        ["POST admin/articles/{articleId:int}/citations/picker"] = Writers,
        ["POST admin/markdown/from-html"] = Writers,
        ["GET admin/articles/{articleId:int}/citations/new"] = Writers,
        ["POST admin/articles/{articleId:int}/citations/new"] = Writers,
        ["GET admin/articles/{articleId:int}/citations/import"] = Writers,
        ["POST admin/articles/{articleId:int}/citations/import"] = Writers,
        ["GET admin/articles/{articleId:int}/citations/{citationId:int}"] = Writers,
        ["POST admin/articles/{articleId:int}/citations/{citationId:int}"] = Writers,
        ["GET admin/articles/{articleId:int}/citations/{citationId:int}/delete"] = Writers,
        ["POST admin/articles/{articleId:int}/citations/{citationId:int}/delete"] = Writers,

        ["GET admin/articles/{articleId:int}/revisions"] = Staff,
        ["GET admin/articles/{articleId:int}/revisions/compare"] = Staff,
        ["GET admin/articles/{articleId:int}/revisions/{version:int}/restore"] = Writers,
        ["POST admin/articles/{articleId:int}/revisions/{version:int}/restore"] = Writers,

        ["GET admin/people"] = Staff,
        ["GET admin/people/new"] = Writers,
        ["POST admin/people/new"] = Writers,
        ["GET admin/people/{personId:int}"] = Writers,
        ["POST admin/people/{personId:int}"] = Writers,
        ["GET admin/people/{personId:int}/delete"] = Writers,
        ["POST admin/people/{personId:int}/delete"] = Writers,

        ["GET admin/media"] = Writers,
        ["POST admin/media"] = Writers,
        ["GET admin/media/{imageId:int}"] = Writers,
        ["POST admin/media/{imageId:int}"] = Writers,
        ["GET admin/media/{imageId:int}/delete"] = Writers,
        ["POST admin/media/{imageId:int}/delete"] = Writers,

        ["GET admin/pages"] = Staff,
        ["GET admin/pages/{slug}"] = Writers,
        ["POST admin/pages/{slug}"] = Writers,

        ["GET admin/audit"] = AdminsOnly,

        ["GET admin/synonyms"] = Writers,
        ["POST admin/synonyms"] = Writers,
        ["GET admin/synonyms/{id:int}"] = Writers,
        ["POST admin/synonyms/{id:int}"] = Writers,
        ["POST admin/synonyms/{id:int}/delete"] = Writers,

        ["GET admin/users"] = AdminsOnly,
        ["GET admin/users/new"] = AdminsOnly,
        ["POST admin/users/new"] = AdminsOnly,
        ["GET admin/users/{id}"] = AdminsOnly,
        ["POST admin/users/{id}/roles"] = AdminsOnly,
        ["POST admin/users/{id}/disable"] = AdminsOnly,
        ["POST admin/users/{id}/enable"] = AdminsOnly,
        ["POST admin/users/{id}/sign-out"] = AdminsOnly,
        ["POST admin/users/{id}/password"] = AdminsOnly,

        ["GET admin/api-keys"] = AdminsOnly,
        ["POST admin/api-keys"] = AdminsOnly,
        ["POST admin/api-keys/{keyId:int}/revoke"] = AdminsOnly,

        ["GET admin/webhooks"] = AdminsOnly,
        ["POST admin/webhooks"] = AdminsOnly,
        ["GET admin/webhooks/{endpointId:int}"] = AdminsOnly,
        ["POST admin/webhooks/{endpointId:int}/revoke"] = AdminsOnly,
    };

    private sealed record AdminRoute(string Method, RoutePattern Pattern)
    {
        public string Key => $"{Method} {Pattern.RawText!.Trim('/')}";
        public override string ToString() => Key;
    }

    private IReadOnlyList<AdminRoute> AdminRoutes()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(m => new AdminRoute(m, e.RoutePattern)))
            .ToList();
        Assert.True(routes.Count > 30, $"only {routes.Count} admin routes found");
        return routes;
    }

    /// <summary>Real ids from the seed article (and a staff account and a profile), so that a permitted GET shows its page.</summary>
    private async Task<Dictionary<string, string>> SeedRouteValuesAsync() =>
        await factory.WithServiceAsync<GutImmuneDbContext, Dictionary<string, string>>(async db =>
        {
            var article = await db.Articles.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
            if (!await db.People.AnyAsync())
            {
                db.People.Add(new Person { Slug = "route-check", Name = "Route Check", Role = "Author" });
                await db.SaveChangesAsync();
            }
            if (!await db.MediaImages.AnyAsync())
            {
                db.MediaImages.Add(new GutImmune.Web.Media.MediaImage
                {
                    Fingerprint = "0123456789abcdef", FileName = "route-check.jpg", Width = 10, Height = 10, AltText = "Route check",
                    UploadedBy = "test", Version = 1,
                });
                await db.SaveChangesAsync();
            }
            if (!await db.WebhookEndpoints.AnyAsync())
            {
                db.WebhookEndpoints.Add(new GutImmune.Web.Webhooks.WebhookEndpoint
                {
                    Name = "Route check", Url = "https://hooks.example/route-check", ProtectedSecret = "unused", CreatedBy = "test",
                });
                await db.SaveChangesAsync();
            }
            var sections = db.Sections.Where(s => s.ArticleId == article.Id).Select(s => s.Id);
            return new()
            {
                ["articleId"] = article.Id.ToString(),
                ["id"] = article.Id.ToString(),
                ["sectionId"] = (await sections.OrderBy(id => id).FirstAsync()).ToString(),
                ["factId"] = (await db.Facts.Where(f => sections.Contains(f.SectionId)).MinAsync(f => f.Id)).ToString(),
                ["causeId"] = (await db.Causes.Where(c => sections.Contains(c.SectionId)).MinAsync(c => c.Id)).ToString(),
                ["citationId"] = (await db.Citations.Where(c => c.ArticleId == article.Id).MinAsync(c => c.Id)).ToString(),
                ["version"] = (await db.Revisions.Where(r => r.ArticleId == article.Id).MinAsync(r => r.Version)).ToString(),
                ["userId"] = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).FirstAsync(),
                ["personId"] = (await db.People.MinAsync(p => p.Id)).ToString(),
                ["imageId"] = (await db.MediaImages.MinAsync(m => m.Id)).ToString(),
                ["endpointId"] = (await db.WebhookEndpoints.MinAsync(e => e.Id)).ToString(),
                ["slug"] = SitePageTexts.About,
                // No key need exist: every post here stops at the antiforgery check or the access check.
                ["keyId"] = "1",
                ["linkId"] = "1",
            };
        });

    /// <summary>A concrete address for a route: the seed's ids in the path, and the query a page needs.</summary>
    private static string PathFor(AdminRoute route, IReadOnlyDictionary<string, string> values)
    {
        var raw = route.Pattern.RawText!;
        string Value(string parameter) => parameter switch
        {
            "itemId" => values[raw.Contains("/facts/") ? "factId" : "causeId"],
            "id" when raw.Contains("/users/") => values["userId"],
            _ => values.TryGetValue(parameter, out var value) ? value
                : throw new InvalidOperationException($"{route}: say which seed value fills {{{parameter}}}"),
        };
        var path = "/" + string.Join("/", route.Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Value(parameter.Name),
            _ => "",
        }))));
        return raw.EndsWith("/compare") ? $"{path}?from={values["version"]}&to={values["version"]}" : path;
    }

    /// <summary>A request as a visitor would send it; posts carry no antiforgery token, so nothing they ask for is done.</summary>
    private static HttpRequestMessage Request(AdminRoute route, string path) => new(new HttpMethod(route.Method), path)
    {
        Content = route.Method == "GET" ? null : new FormUrlEncodedContent([]),
    };

    private async Task<HttpClient> ClientForAsync(string role) =>
        role == Anonymous ? factory.CreateBrowserClient() : (await StaffSession.SignInAsync(factory, role)).Client;

    [Fact]
    public void Every_admin_route_has_a_row_in_the_access_table_and_every_row_a_route()
    {
        var routes = AdminRoutes().Select(r => r.Key).ToHashSet();

        var missing = routes.Where(r => !Allowed.ContainsKey(r)).Order().ToList();
        var stale = Allowed.Keys.Where(k => !routes.Contains(k)).Order().ToList();

        Assert.True(missing.Count == 0,
            "These admin routes have no row in AuthorizationTests.Allowed; add it to the table, saying which roles may use each:\n"
            + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "These rows of AuthorizationTests.Allowed name no route of the app:\n" + string.Join("\n", stale));
    }

    public static TheoryData<string> Callers => [Anonymous, Roles.Admin, Roles.Editor, Roles.Reviewer];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_admin_route_admits_exactly_the_roles_the_access_table_names(string caller)
    {
        var client = await ClientForAsync(caller);
        var values = await SeedRouteValuesAsync();
        var wrong = new List<string>();

        foreach (var route in AdminRoutes().Where(r => Allowed.ContainsKey(r.Key)))
        {
            var response = await client.SendAsync(Request(route, PathFor(route, values)));
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.AbsolutePath ?? "";
            // A page the role may not open is redirected to the access-denied page; a post it may not make is answered 403
            // with that page (the browser shows it for the post). Routes that pages call from script (autosave, paste,
            // picker) answer 401 or 403 JSON instead.
            var refused = (response.StatusCode == HttpStatusCode.Redirect
                    && location == (caller == Anonymous ? "/admin/sign-in" : route.Method == "GET" ? "/admin/access-denied" : null))
                || (caller != Anonymous && route.Method != "GET" && response.StatusCode == HttpStatusCode.Forbidden
                    && response.Content.Headers.ContentType?.MediaType == "text/html"
                    && (await response.Content.ReadAsStringAsync()).Contains(AccessDeniedHeading))
                || (response.Content.Headers.ContentType?.MediaType == "application/json"
                    && response.StatusCode == (caller == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden));
            var mayCall = Allowed[route.Key].Contains(caller);

            if (mayCall && refused)
                wrong.Add($"{route}: refused ({status} to {location}), but the table allows {caller}");
            else if (!mayCall && !refused)
                wrong.Add($"{route}: answered {status} {location}, but the table refuses {caller}");
            // Let through, a post stops at the missing antiforgery token; a page shows (access-denied says 403 itself).
            else if (mayCall && route.Method == "POST" && response.StatusCode != HttpStatusCode.BadRequest)
                wrong.Add($"{route}: answered {status} {location} to a post without an antiforgery token");
            else if (mayCall && route.Method == "GET" && response.StatusCode != HttpStatusCode.OK && route.Key != "GET admin/access-denied")
                wrong.Add($"{route}: answered {status} {location} to {caller}, who may see it");
        }

        Assert.True(wrong.Count == 0, $"As {caller}:\n" + string.Join("\n", wrong));
    }

    private const string AccessDeniedHeading = "You do not have access to this page";

    [Fact]
    public async Task A_post_a_role_may_not_make_is_answered_403_with_the_access_denied_page_and_changes_nothing()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var values = await SeedRouteValuesAsync();
        var page = await editor.GetPageAsync($"/admin/articles/{values["id"]}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var endpoints = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.WebhookEndpoints.CountAsync());

        foreach (var (path, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"/admin/articles/{values["id"]}/review", new() { ["Version"] = values["version"], ["ReviewedOn"] = "2026-01-01", ["NextReviewDue"] = "2027-01-01" }),
            ("/admin/webhooks", new() { ["NewEndpoint.Name"] = "Editor's endpoint", ["NewEndpoint.Url"] = "https://example.org/hook" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await editor.Client.PostAsync(path, new FormUrlEncodedContent(fields));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(AccessDeniedHeading, (await StaffSession.ParseAsync(response)).QuerySelector("main h1")?.TextContent.Trim());
        }
        Assert.Equal(endpoints, await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.WebhookEndpoints.CountAsync()));
        // Opening a page the role may not see still leads to the access-denied page.
        var opened = await editor.Client.GetAsync("/admin/webhooks");
        Assert.Equal(("/admin/access-denied", HttpStatusCode.Redirect), (opened.Headers.Location?.AbsolutePath, opened.StatusCode));
    }

    /// <summary>
    /// The one public route outside /admin that shows unpublished content: anonymous by design, its token the whole
    /// permission. Without a token that opens a link it shows nothing of any article.
    /// </summary>
    [Fact]
    public async Task The_review_link_route_is_anonymous_but_gated_by_its_token()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("review", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Equal(["review/{token}", "review/{token}", "review/{token}/comments", "review/{token}/comments"], endpoints.Select(e => e.RoutePattern.RawText!.Trim('/')).ToList());
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));

        var anonymous = factory.CreateBrowserClient();
        foreach (var token in new[] { "x", "0", "%20%20%20", Guid.NewGuid().ToString("N") })
        {
            var response = await anonymous.GetAsync($"/review/{token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("class=\"article\"", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Every_admin_post_requires_an_antiforgery_token()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var values = await SeedRouteValuesAsync();
        foreach (var route in AdminRoutes().Where(e => e.Method == "POST" && e.Key != "POST admin/sign-in"))
        {
            var response = await admin.Client.SendAsync(Request(route, PathFor(route, values)));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} answered {(int)response.StatusCode} without an antiforgery token");
        }
    }

    [Fact]
    public async Task Admin_pages_are_never_cached()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var values = await SeedRouteValuesAsync();
        var pages = AdminRoutes().Where(e => e.Method == "GET").ToList();
        Assert.Contains(pages, p => p.Pattern.Parameters.Any(parameter => parameter.Name == "itemId"));

        foreach (var route in pages)
        {
            var path = PathFor(route, values);
            var response = await admin.Client.GetAsync(path);

            var expected = route.Key == "GET admin/access-denied" ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}: the check needs the page itself");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"GET {path} may be cached: {response.Headers.CacheControl}");
        }
    }
}

using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Security;

/// <summary>
/// Every route of the site, enumerated from its endpoint data source, called with malformed and oversized path
/// segments, query strings and form values: none may answer 5xx or show a stack trace. Admin routes are called signed
/// in as an Admin and posts carry a valid antiforgery token, so that the hostile values reach the actions. The cases
/// are a fixed-seed sample, not the whole cross product.
/// </summary>
public partial class HostileInputTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const int CasesPerRoute = 14;

    /// <summary>A stack trace or an exception's type name: what an error page must never show.</summary>
    // "\b" before "\w*": without it every position of a long echoed word would be tried (quadratic on 10,000 letters).
    [GeneratedRegex(@"\b\w*Exception\b|^\s+at [\w.`<>\[\]]+\.[\w<>]+\(|\bSystem\.[A-Z]\w+\.", RegexOptions.Multiline)]
    private static partial Regex ErrorDetails();

    private static string Encode(string text) => Uri.EscapeDataString(text);

    /// <summary>Hostile text, already percent-encoded as it would travel in a path, a query or a form body.</summary>
    private static readonly string[] HostileText =
    [
        Encode(new string('A', 10_000)),
        Encode(string.Concat(Enumerable.Repeat("é€😀\u0301", 2_500))),
        "%00", "a%00b", "%ff", "%fe%ff%fd", "%c0%ae%c0%ae%c0%af", "%", "%zz", "%%32%65",
        Encode("' OR 1=1 --"), Encode("1; DROP TABLE Articles; --"), Encode("\" OR \"\"=\""), Encode("1' UNION SELECT sqlite_version() --"),
        "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fappsettings.json", Encode("..\\..\\windows\\win.ini"),
        Encode("\u202Egnp.exe\u200B\uFEFF"), Encode("ｓｃｒｉｐｔ ＜"), Encode("NEAR(\"a\" b) OR * ^ - : \"unterminated"),
        Encode("<script>alert(1)</script>"), Encode("{{7*7}}${7*7}"), Encode("\r\nSet-Cookie: x=1"), Encode("   "),
    ];

    private static readonly string[] HostileNumbers =
        ["-1", "0", "2147483647", "-2147483648", "2147483648", "99999999999999999999", "1e9", "0x10", "1.5", "NaN", Encode("１２"), "%00", ""];

    private static readonly string[] HostileDates =
        ["0001-01-01", "9999-12-31T23:59:59", "10000-01-01", "2026-02-30", "-1", "%00", Encode(new string('9', 10_000))];

    /// <summary>Random bytes, percent-encoded (most are not UTF-8).</summary>
    private static string RandomBytes(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => $"%{random.Next(256):x2}"));

    private static string[] HostileFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long) || type.IsEnum)
            return [.. HostileNumbers, .. HostileText.Take(3)];
        if (type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset))
            return [.. HostileDates, .. HostileNumbers.Take(3)];
        return HostileText;
    }

    private sealed record Field(string Name, Type Type);

    private sealed record Route(string Method, RoutePattern Pattern, IReadOnlyList<Field> Fields, bool IsAdmin)
    {
        public override string ToString() => $"{Method} /{Pattern.RawText?.TrimStart('/')}";
    }

    private sealed record Case(string Method, string Url, string? Form, byte[]? RawBody = null)
    {
        public override string ToString() =>
            $"{Method} {Cut(Url)}{(Form is null ? "" : $" with form {Cut(Form)}")}{(RawBody is null ? "" : $" with {RawBody.Length} random bytes")}";
    }

    private static string Cut(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} characters)";

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(Guid);
    }

    /// <summary>The values an action binds from the query or the form: simple parameters and the properties of form classes.</summary>
    private static IEnumerable<Field> FieldsOf(ControllerActionDescriptor? action, RoutePattern pattern)
    {
        if (action is null)
            yield break;
        foreach (var parameter in action.Parameters)
        {
            var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            var type = parameter.ParameterType;
            if (pattern.GetParameter(name) is not null || type == typeof(CancellationToken) || typeof(IFormFile).IsAssignableFrom(type))
                continue;
            if (IsSimple(type))
            {
                yield return new Field(name, type);
                continue;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var propertyType = property.PropertyType;
                var item = propertyType != typeof(string) ? propertyType.GetInterfaces()
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] : null;
                if (IsSimple(propertyType) || item is not null && IsSimple(item))
                    yield return new Field(property.Name, item ?? propertyType);
            }
        }
    }

    /// <summary>The query values a minimal API handler (the content API) binds: its simple parameters not in the route.</summary>
    private static IEnumerable<Field> QueryFieldsOf(MethodInfo? handler, RoutePattern pattern) =>
        handler?.GetParameters().Where(p => IsSimple(p.ParameterType) && pattern.GetParameter(p.Name!) is null)
            .Select(p => new Field(p.Name!, p.ParameterType)) ?? [];

    private IReadOnlyList<Route> Routes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]).Select(method => new Route(method,
            e.RoutePattern, (e.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action
                ? FieldsOf(action, e.RoutePattern) : QueryFieldsOf(e.Metadata.GetMetadata<MethodInfo>(), e.RoutePattern)).ToList(),
            e.RoutePattern.RawText?.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase) == true)))
        .Where(r => r.ToString() != "POST /admin/sign-out") // would end the session the other cases use
        .OrderBy(r => r.Pattern.RawText!.EndsWith("/delete")) // deletions last, so the other routes still find what they edit
        .ToList();

    /// <summary>Values that reach the actions: the seed article, its first section, fact, cause and reference.</summary>
    private async Task<Dictionary<string, string>> BenignRouteValuesAsync() => await factory.WithServiceAsync<GutImmuneDbContext, Dictionary<string, string>>(async db =>
    {
        var article = await db.Articles.AsNoTracking().OrderBy(a => a.Id).FirstAsync();
        var section = await db.Sections.AsNoTracking().Where(s => s.ArticleId == article.Id).OrderBy(s => s.Position).FirstAsync();
        var fact = await db.Facts.AsNoTracking().Where(f => db.Sections.Any(s => s.Id == f.SectionId && s.ArticleId == article.Id)).FirstAsync();
        var cause = await db.Causes.AsNoTracking().Where(c => db.Sections.Any(s => s.Id == c.SectionId && s.ArticleId == article.Id)).FirstAsync();
        var citation = await db.Citations.AsNoTracking().Where(c => c.ArticleId == article.Id).FirstAsync();
        return new()
        {
            ["articleId"] = article.Id.ToString(), ["id"] = article.Id.ToString(), ["sectionId"] = section.Id.ToString(),
            ["factId"] = fact.Id.ToString(), ["causeId"] = cause.Id.ToString(), ["citationId"] = citation.Id.ToString(),
            ["version"] = "1", ["slug"] = article.Slug, ["sectionSlug"] = section.Slug, ["format"] = "bib", ["statusCode"] = "404",
        };
    });

    private Task<string> CurrentVersionAsync() => factory.WithServiceAsync<GutImmuneDbContext, string>(async db =>
        (await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Version).FirstAsync()).ToString());

    private static string PathFor(RoutePattern pattern, IReadOnlyDictionary<string, string> values) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "1"),
            _ => "",
        }))));

    /// <summary>Stands for the article's current version in a form, so that a post is not simply refused as a conflict.</summary>
    private const string CurrentVersion = "{current-version}";

    private static IEnumerable<Case> CasesFor(Route route, IReadOnlyDictionary<string, string> benign, string token, Random random)
    {
        var path = PathFor(route.Pattern, benign);
        var isPost = route.Method == "POST";
        var versionField = route.Fields.FirstOrDefault(f => f.Name.Equals("version", StringComparison.OrdinalIgnoreCase) || f.Name == "CurrentVersion")?.Name;
        string Form(IEnumerable<string> pairs)
        {
            var list = pairs.ToList();
            if (versionField is not null && !list.Any(p => p.StartsWith(versionField + "=")))
                list.Add($"{versionField}={CurrentVersion}");
            return string.Join("&", list.Append($"__RequestVerificationToken={Encode(token)}"));
        }
        string Pick(string[] values) => values[random.Next(values.Length)];

        var cases = new List<Case>();
        foreach (var parameter in route.Pattern.Parameters)
        {
            var isInt = parameter.ParameterPolicies.Any(p => p.Content == "int");
            // A NUL in the path never reaches the app: Kestrel answers 400 first (the test server throws instead).
            var values = (isInt ? HostileNumbers.Concat(HostileText.Take(2)) : HostileText.Append(RandomBytes(random, 64))).Where(v => !v.Contains("%00"));
            foreach (var value in values)
                cases.Add(new Case(route.Method, PathFor(route.Pattern, new Dictionary<string, string>(benign) { [parameter.Name] = value }), isPost ? Form([]) : null));
        }
        foreach (var field in route.Fields)
        {
            foreach (var value in HostileFor(field.Type))
            {
                cases.Add(isPost
                    ? new Case("POST", path, Form([$"{field.Name}={value}"]))
                    : new Case("GET", $"{path}?{field.Name}={value}", null));
            }
        }
        cases.Add(new Case(route.Method, $"{path}?%00=%ff&a[]=1&a[$ne]=1&__proto__[x]=1&{RandomBytes(random, 32)}={RandomBytes(random, 32)}", isPost ? Form([]) : null));

        var sampled = cases.OrderBy(_ => random.Next()).Take(CasesPerRoute).ToList();
        // Always: every field hostile at once, and (for posts) empty, random and oversized bodies.
        var allHostile = route.Fields.Select(f => $"{f.Name}={Pick(HostileFor(f.Type))}").ToList();
        if (isPost)
        {
            sampled.Add(new Case("POST", path, Form(allHostile)));
            sampled.Add(new Case("POST", path, Form([])));
            sampled.Add(new Case("POST", path, Form(Enumerable.Range(0, 5_000).Select(i => $"f{i}={i}"))));
            sampled.Add(new Case("POST", path, null, RandomBytes(new Random(random.Next()), 4_096).Split('%', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => Convert.ToByte(h, 16)).ToArray()));
        }
        else if (allHostile.Count > 0)
        {
            sampled.Add(new Case("GET", $"{path}?{string.Join("&", allHostile)}", null));
        }
        return sampled;
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await StaffSession.ParseAsync(await client.GetAsync(url));
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task Every_route_answers_hostile_paths_queries_and_forms_without_a_server_error_or_a_stack_trace()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var anonymous = factory.CreateBrowserClient();
        var adminToken = await TokenAsync(admin.Client, "/admin/articles/new");
        var anonymousToken = await TokenAsync(anonymous, "/admin/sign-in");
        var benign = await BenignRouteValuesAsync();
        var random = new Random(5);
        var routes = Routes();
        Assert.True(routes.Count(r => r.IsAdmin) > 30 && routes.Count(r => !r.IsAdmin) > 10, $"only {routes.Count} routes found");

        var failures = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            var anonymousRoute = !route.IsAdmin || route.Pattern.RawText!.Contains("sign-in") || route.Pattern.RawText.Contains("access-denied");
            var client = anonymousRoute ? anonymous : admin.Client;
            foreach (var @case in CasesFor(route, benign, anonymousRoute ? anonymousToken : adminToken, random))
            {
                var request = new HttpRequestMessage(new HttpMethod(@case.Method), @case.Url);
                if (@case.Form is not null)
                    request.Content = new StringContent(@case.Form.Replace(CurrentVersion, await CurrentVersionAsync()), Encoding.ASCII, "application/x-www-form-urlencoded");
                else if (@case.RawBody is not null)
                    request.Content = new ByteArrayContent(@case.RawBody) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } };
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                sent++;

                // /error/{statusCode} shows the page for the status it names, 5xx included; /error is the exception page itself.
                var isErrorPage = route.Pattern.RawText!.TrimStart('/').StartsWith("error");
                if ((int)response.StatusCode >= 500 && !isErrorPage)
                    failures.Add($"{(int)response.StatusCode} for {@case}");
                // A script library (the API reference's, served by a route) may name exceptions in its own code.
                var isScript = response.Content.Headers.ContentType?.MediaType?.EndsWith("javascript") == true;
                if (!isScript && ErrorDetails().Match(body) is { Success: true } match)
                    failures.Add($"'{match.Value}' in the body of {(int)response.StatusCode} for {@case}");
            }
        }

        Assert.True(sent > 500, $"only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests failed:\n" + string.Join("\n", failures.Distinct().Take(40)));
    }

    [Theory]
    [InlineData("System.InvalidOperationException: Sequence contains no elements", true)]
    [InlineData("<pre>NullReferenceException</pre>", true)]
    [InlineData("oops\n   at GutImmune.Web.Reading.ArticleReader.GetAsync(String slug)", true)]
    [InlineData("<p>The site could not show this page. Quote the request id 0HN8:00000001.</p>", false)]
    [InlineData("The Gut-Immune System. At the heart of it, with the exception of a few", false)]
    public void Error_details_are_recognised_and_prose_is_not(string body, bool isDetail) =>
        Assert.Equal(isDetail, ErrorDetails().IsMatch(body));

    [Theory]
    [InlineData("/error/2147483647")]
    [InlineData("/error/-1")]
    [InlineData("/error/0")]
    [InlineData("/error/200")]
    [InlineData("/error/1000")]
    public async Task Error_page_route_takes_only_error_statuses(string path)
    {
        // Kestrel wrote any number there into the status line, which no client can read.
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Article files a hostile or careless editor might upload: not JSON, too deep, nulls and wrong types where objects belong.</summary>
    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "random bytes", Encoding.Latin1.GetString(RandomNumberBytes(4_096)) },
        { "nesting 10,000 deep", new string('[', 10_000) + new string(']', 10_000) },
        { "null", "null" },
        { "a string", "\"article\"" },
        { "a byte order mark only", "\uFEFF" },
        { "a null section", """{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, "sections": [null] }""" },
        { "a null cause", """{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, "sections": [{ "slug": "a", "heading": "A", "kind": "causeList", "causes": [null] }] }""" },
        { "a null fact and topic", """{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, "topics": [null], "sections": [{ "slug": "a", "heading": "A", "kind": "factList", "facts": [null] }] }""" },
        { "a null reference", """{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, "citations": [null] }""" },
        { "a null author and image", """{ "slug": "x", "title": "X", "summary": "X", "author": null, "heroImage": null, "sections": null, "citations": null }""" },
        { "sections as an object", """{ "slug": "x", "sections": { "a": 1 } }""" },
        { "numbers where text belongs", """{ "slug": 5, "title": 1e400, "summary": true, "author": { "name": [] }, "topics": [5] }""" },
        { "an unknown status and kind", """{ "slug": "x", "status": "deleted", "sections": [{ "kind": 7 }] }""" },
        { "huge reference numbers and years", """{ "slug": "x", "citations": [{ "number": 99999999999, "year": 1e400, "authors": "A", "title": "T" }] }""" },
        { "dates at the ends of time", """{ "slug": "x", "title": "X", "summary": "X", "author": { "name": "X" }, "publishedAt": "9999-12-31T23:59:59-14:00", "updatedAt": "0001-01-01T00:00:00+14:00", "lastReviewedOn": "0000-01-01" }""" },
        { "a NUL in the text", """{ "slug": "x", "title": "X\u0000", "summary": "X", "author": { "name": "X" }, "status": "draft", "sections": [{ "slug": "a", "heading": "A\u0000", "kind": "prose", "body": "\u0000 body" }] }""" },
        { "duplicate keys", """{ "slug": "x", "slug": "y", "title": "X", "title": "Y" }""" },
        { "a lone surrogate", """{ "slug": "x", "title": "\ud800", "summary": "X", "author": { "name": "X" } }""" },
        { "2 MB of text", $$"""{ "slug": "x", "title": "{{new string('x', 2_000_000)}}" }""" },
    };

    private static byte[] RandomNumberBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Import_answers_a_hostile_file_without_a_server_error_or_a_stack_trace(string description, string content)
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var response = await admin.ImportAsync("hostile.json", content);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{description}: {(int)response.StatusCode}");
        Assert.False(ErrorDetails().IsMatch(body), $"{description}: {ErrorDetails().Match(body).Value}");
    }
}

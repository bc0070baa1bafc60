using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.OpenApi;

namespace GutImmune.Tests.ContentApi;

/// <summary>
/// The OpenAPI document is valid (read back with Microsoft.OpenApi's reader and its rules) and tells the truth: each
/// operation's real answers, successes and refusals, have the properties and types its schema for that status declares.
/// </summary>
public class OpenApiDocumentTests(ContentApiSite site) : IClassFixture<ContentApiSite>
{
    private HttpClient Client => site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    private async Task<string> DocumentAsync()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Document_is_valid_OpenAPI_and_describes_exactly_the_content_api()
    {
        var json = await DocumentAsync();

        var read = OpenApiDocument.Parse(json, "json");
        Assert.True(read.Diagnostic?.Errors.Count is null or 0, string.Join("\n", read.Diagnostic?.Errors.Select(e => e.Message) ?? []));
        var document = read.Document!;
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(["/api/v1/articles", "/api/v1/articles/{slug}", "/api/v1/articles/{slug}/sections/{sectionSlug}", "/api/v1/topics"],
            document.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("orderBy", document.Paths["/api/v1/articles"].Operations![HttpMethod.Get].Parameters!.Select(p => p.Name));
    }

    [Fact]
    public async Task Every_operation_answers_as_its_schema_says()
    {
        var document = JsonNode.Parse(await DocumentAsync())!.AsObject();
        (string Template, string Url, HttpStatusCode Status)[] calls =
        [
            ("/api/v1/articles", "/api/v1/articles", HttpStatusCode.OK),
            ("/api/v1/articles", "/api/v1/articles?limit=1&orderBy=lastReviewed", HttpStatusCode.OK),
            ("/api/v1/articles", "/api/v1/articles?limit=500", HttpStatusCode.BadRequest),
            ("/api/v1/articles/{slug}", "/api/v1/articles/gut-immune-system-connection", HttpStatusCode.OK),
            ("/api/v1/articles/{slug}", "/api/v1/articles/no-such-article", HttpStatusCode.NotFound),
            ("/api/v1/articles/{slug}/sections/{sectionSlug}", "/api/v1/articles/gut-immune-system-connection/sections/causes-of-gut-imbalance", HttpStatusCode.OK),
            ("/api/v1/articles/{slug}/sections/{sectionSlug}", "/api/v1/articles/gut-immune-system-connection/sections/interesting-facts", HttpStatusCode.OK),
            ("/api/v1/articles/{slug}/sections/{sectionSlug}", "/api/v1/articles/gut-immune-system-connection/sections/nope", HttpStatusCode.NotFound),
            ("/api/v1/topics", "/api/v1/topics", HttpStatusCode.OK),
        ];
        foreach (var (template, url, status) in calls)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            var schema = document["paths"]?[template]?["get"]?["responses"]?[((int)status).ToString(CultureInfo.InvariantCulture)]?["content"]?[mediaType]?["schema"];
            Assert.True(schema is not null, $"{url}: the document declares no {mediaType} answer with status {(int)status}");
            var problems = new List<string>();
            SchemaCheck.Check(document, schema, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, "$", problems);
            Assert.True(problems.Count == 0, $"{url}:\n" + string.Join("\n", problems));
        }
    }

    [Fact]
    public async Task Reference_page_is_served_with_its_own_nonce_and_reader_pages_keep_the_strict_policy()
    {
        var page = await Client.GetAsync("/api/reference/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var html = await page.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html);
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        // Nothing on the page reaches outside services: no AI agent ("Ask AI"), MCP, telemetry or developer toolbar.
        var configuration = System.Text.RegularExpressions.Regex.Replace(System.Net.WebUtility.HtmlDecode(html), @"\s", "");
        foreach (var setting in new[] { "\"agent\":{\"disabled\":true", "\"mcp\":{\"disabled\":true", "\"telemetry\":false", "\"showDeveloperTools\":\"never\"" })
            Assert.True(configuration.Contains(setting), $"{setting} not in the page's configuration: {html}");
        var reader = await Client.GetAsync("/");
        Assert.Equal(GutImmune.Web.Security.SecurityHeaders.ContentSecurityPolicy, reader.Headers.GetValues("Content-Security-Policy").Single());
    }
}

/// <summary>A small check of a JSON value against an OpenAPI 3.1 schema: references, alternatives, types, required properties, items, date formats.</summary>
internal static class SchemaCheck
{
    public static void Check(JsonObject document, JsonNode? schema, JsonElement value, string path, List<string> problems)
    {
        if (schema is null)
            return;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode?)document, (node, part) => node?[part]);
            if (target is null)
                problems.Add($"{path}: unresolved {reference}");
            Check(document, target, value, path, problems);
            return;
        }
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is JsonArray alternatives && !alternatives.Any(a =>
                {
                    var own = new List<string>();
                    Check(document, a, value, path, own);
                    return own.Count == 0;
                }))
                problems.Add($"{path}: matches none of its {key} alternatives");
        }
        if (schema["allOf"] is JsonArray all)
            foreach (var part in all)
                Check(document, part, value, path, problems);

        var kind = KindOf(value);
        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue single => [single.GetValue<string>()],
            _ => null,
        };
        if (types is not null && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            problems.Add($"{path}: is {kind}, the schema says {string.Join(" or ", types)}");
            return;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var required in schema["required"]?.AsArray() ?? [])
                    if (!value.TryGetProperty(required!.GetValue<string>(), out _))
                        problems.Add($"{path}: lacks the required property {required}");
                if (schema["properties"] is JsonObject properties)
                    foreach (var property in value.EnumerateObject())
                        if (properties[property.Name] is { } propertySchema)
                            Check(document, propertySchema, property.Value, $"{path}.{property.Name}", problems);
                        else if (schema["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>())
                            problems.Add($"{path}: has {property.Name}, which the schema does not allow");
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Check(document, schema["items"], item, $"{path}[{index++}]", problems);
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                var format = schema["format"]?.GetValue<string>();
                if (format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", out _)
                    || format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out _))
                    problems.Add($"{path}: '{text}' is not a {format}");
                break;
        }
    }

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

public class ImportExportTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Exported_file_imports_back_as_a_new_article_with_the_same_content()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        var adminUrl = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;

        var export = await editor.Client.GetAsync(adminUrl + "/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("gut-immune-system-connection.json", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var json = await export.Content.ReadAsStringAsync();

        var imported = await editor.ImportAsync("copy.json", json.Replace("\"gut-immune-system-connection\"", "\"gut-immune-copy\""));
        await editor.FollowAsync(imported);

        var original = await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection");
        var copy = await factory.CreateClient().GetStringAsync("/articles/gut-immune-copy");
        string Main(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)]
            .Replace("gut-immune-copy", "gut-immune-system-connection");
        Assert.Equal(Main(original), Main(copy));
    }

    [Fact]
    public async Task Bad_file_is_rejected_whole_with_every_problem_listed()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var before = await factory.CreateClient().GetStringAsync("/");
        const string bad = """
            {
              "slug": "gut-immune-system-connection",
              "title": "",
              "summary": "Replaced",
              "author": { "name": "Someone" },
              "status": "published",
              "sections": [ { "slug": "a", "heading": "A", "kind": "prose", "body": "Claim.[3]" } ],
              "citations": [ { "number": 1, "authors": "X", "title": "Y", "pmid": "abc" } ]
            }
            """;

        var response = await editor.ImportAsync("bad.json", bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var problems = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("title"));
        Assert.Contains(problems, p => p.StartsWith("sections[0].body") && p.Contains("[3]"));
        Assert.Contains(problems, p => p.StartsWith("citations[0].pmid"));
        Assert.Contains("bad.json was not imported: 3 problems", page.QuerySelector(".error-summary h2")!.TextContent);
        Assert.Equal(before, await factory.CreateClient().GetStringAsync("/"));
        Assert.Contains("The digestive system", await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_its_line()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var response = await editor.ImportAsync("broken.json", "{\n  \"slug\": \"x\",\n  oops\n}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("line 3:", (await StaffSession.ParseAsync(response)).QuerySelector(".error-summary li")!.TextContent);
    }
}

using System.Diagnostics;
using System.Net;
using GutImmune.Web.Areas.Admin.Controllers;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

public class ImportExportTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Exported_file_imports_back_as_a_new_article_with_the_same_content()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Admin);
        var list = await editor.GetPageAsync("/admin/articles");
        var adminUrl = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;

        var export = await editor.Client.GetAsync(adminUrl + "/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("gut-immune-system-connection.json", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var json = await export.Content.ReadAsStringAsync();

        var imported = await editor.ImportAsync("copy.json", json.Replace("\"gut-immune-system-connection\"", "\"gut-immune-copy\""));
        await editor.FollowAsync(imported);
        // A file never publishes by itself; published as the seed is, without a recorded review, the two read the same.
        await editor.FollowAsync(await editor.SubmitAsync(imported.Headers.Location!.OriginalString, "form.override-form",
            new() { ["OverrideReason"] = "A copy of the seed article." }, "button[value=publishWithoutReview]"));

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
        Assert.Contains(problems, p => p.StartsWith("title: is required"));
        Assert.Contains(problems, p => p.StartsWith("Section 1, body:") && p.Contains("[3]"));
        Assert.Contains(problems, p => p.StartsWith("Citation 1, pmid:"));
        Assert.Contains("bad.json was not imported: 3 problems", page.QuerySelector(".error-summary h2")!.TextContent);
        Assert.Equal(before, await factory.CreateClient().GetStringAsync("/"));
        Assert.Contains("The digestive system", await factory.CreateClient().GetStringAsync("/articles/gut-immune-system-connection"));
    }

    [Fact]
    public async Task Malformed_json_is_rejected_saying_where_in_words()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var response = await editor.ImportAsync("broken.json", "{\n  \"slug\": \"x\",\n  oops\n}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("The file is not valid JSON: line 3, character 3 — expected a field name in double quotes",
            (await StaffSession.ParseAsync(response)).QuerySelector(".error-summary li")!.TextContent);
    }

    [Fact]
    public async Task A_file_of_70000_sections_with_unknown_fields_gets_a_short_answer_that_states_the_count()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var sections = string.Join(",", Enumerable.Repeat("""{"unknown":1}""", 70_000));
        var file = $$"""{ "slug": "flood", "title": "Flood", "summary": "S", "author": { "name": "A" }, "sections": [{{sections}}] }""";
        Assert.InRange(file.Length, 950_000, TransferController.MaxFileBytes);
        var clock = Stopwatch.StartNew();

        var response = await editor.ImportAsync("flood.json", file);
        var html = await response.Content.ReadAsStringAsync();

        clock.Stop();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(html.Length < 100_000, $"{html.Length:N0} characters");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Contains("flood.json was not imported: 70,000 problems", page.QuerySelector(".error-summary h2")!.TextContent);
        Assert.Equal(100, page.QuerySelectorAll(".error-summary li").Length);
        Assert.Contains("and 69,900 more problems", page.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task A_files_review_details_are_never_taken_as_a_sign_off()
    {
        // A site of its own: the published copy would show among the seed's related articles in the other tests.
        using var site = new GutImmuneFactory();
        var editor = await StaffSession.SignInAsync(site, Roles.Editor);
        var json = await editor.Client.GetStringAsync("/admin/articles/1/export");
        string Forged(string slug)
        {
            var file = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            file["slug"] = slug;
            file["status"] = "published";
            file["reviewedBy"] = "Dr. Forged Reviewer, MD";
            file["lastReviewedOn"] = "2026-11-01";
            file["nextReviewDue"] = "2029-11-01";
            return file.ToJsonString();
        }

        await StaffSession.AssertRedirectedAsync(await editor.ImportAsync("new.json", Forged("forged-review-copy")));
        await StaffSession.AssertRedirectedAsync(await editor.ImportAsync("update.json", Forged("gut-immune-system-connection")));

        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync("/articles/forged-review-copy")).StatusCode);
        Assert.DoesNotContain("Forged Reviewer", await editor.Client.GetStringAsync(StaffSession.LinkTo(await editor.GetPageAsync("/admin/articles?q=forged"), "The Gut-Immune") + "/preview"));
        Assert.DoesNotContain("Forged Reviewer", await site.CreateClient().GetStringAsync("/articles/gut-immune-system-connection?fresh=" + Guid.NewGuid()));
        Assert.DoesNotContain("Forged Reviewer", await editor.Client.GetStringAsync("/admin/articles/1/export"));
    }

    [Fact]
    public async Task An_article_with_more_parts_than_the_limits_is_refused_saying_so()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var file = System.Text.Json.Nodes.JsonNode.Parse(await editor.Client.GetStringAsync("/admin/articles/1/export"))!.AsObject();
        file["slug"] = "too-many-topics";
        file["topics"] = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(0, 33_000).Select(i => (System.Text.Json.Nodes.JsonNode)$"t{i}").ToArray());

        var response = await editor.ImportAsync("topics.json", file.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("The article has 33,000 topics; the limit is 20.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/articles/too-many-topics")).StatusCode);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Security;

/// <summary>
/// Markdown that is valid but costly to render (quadratic emphasis) or nested past Markdig's depth limit is refused with
/// a message on the field wherever it arrives (section form, import, preview), never with a 500, and is not stored.
/// </summary>
public class CostlyMarkdownTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    private const string Refusal = "too costly to display|nested too deeply to display";

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static TheoryData<string, string> Costly => new()
    {
        { "quadratic emphasis", Repeat("*a", 10_000) },
        { "quotes nested 20,000 deep", new string('>', 20_000) },
        { "brackets nested 20,000 deep", new string('[', 20_000) },
        { "images nested 500 deep", Repeat("![", 500) },
        { "nested lists", string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', 2 * i) + "- a\n")) },
        { "emphasis in paragraphs 'separated' by no-break spaces", Repeat(Repeat("*a", 249) + "\n\u00A0\n", 39) },
        { "inserted text (++)", Repeat("++a", 6_666) },
        { "inserted and marked text (++, ==)", Repeat("++a==b", 3_333) },
    };

    private async Task<(StaffSession Editor, string SectionUrl)> EditorOnIntroductionAsync()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        var adminUrl = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;
        var sectionUrl = (await editor.GetPageAsync(adminUrl)).QuerySelectorAll("a").First(a => a.TextContent.Contains("Introduction")).GetAttribute("href")!;
        return (editor, sectionUrl);
    }

    [Theory]
    [MemberData(nameof(Costly))]
    public async Task Section_form_refuses_costly_markdown_on_the_field(string description, string markdown)
    {
        var (editor, sectionUrl) = await EditorOnIntroductionAsync();

        var response = await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = markdown });

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)response.StatusCode}");
        var page = await StaffSession.ParseAsync(response);
        Assert.Matches(Refusal, page.QuerySelector(".markdown-field .field-error")?.TextContent ?? "");
        Assert.Equal(markdown, page.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!.Value.ReplaceLineEndings("\n"));
        Assert.DoesNotContain(markdown[..20], await factory.CreateClient().GetStringAsync(ArticleUrl + "/introduction"));
    }

    [Theory]
    [MemberData(nameof(Costly))]
    public async Task Preview_shows_why_costly_markdown_cannot_be_shown(string description, string markdown)
    {
        var (editor, sectionUrl) = await EditorOnIntroductionAsync();
        var page = await editor.GetPageAsync(sectionUrl);

        var withoutScript = await editor.SubmitAsync(page, "main form", new() { ["Body"] = markdown }, button: "button[value=preview]");
        var live = await LivePreviewAsync(editor, page, markdown);

        Assert.True(withoutScript.StatusCode == HttpStatusCode.OK, $"{description}: {(int)withoutScript.StatusCode}");
        Assert.Matches(Refusal, (await StaffSession.ParseAsync(withoutScript)).QuerySelector(".markdown-preview .field-error")?.TextContent ?? "");
        Assert.Matches(Refusal, live);
    }

    [Theory]
    [MemberData(nameof(Costly))]
    public async Task Import_refuses_costly_markdown_naming_the_field(string description, string markdown)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var file = new JsonObject
        {
            ["slug"] = "costly-markdown",
            ["title"] = "Costly",
            ["summary"] = "Costly Markdown.",
            ["author"] = new JsonObject { ["name"] = "Test" },
            ["status"] = "draft",
            ["sections"] = new JsonArray(new JsonObject { ["slug"] = "a", ["heading"] = "A", ["kind"] = "prose", ["body"] = markdown }),
        };

        var response = await editor.ImportAsync("costly.json", file.ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{description}: {(int)response.StatusCode}");
        var problems = (await StaffSession.ParseAsync(response)).QuerySelectorAll(".error-summary li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("Section 1, body:") && System.Text.RegularExpressions.Regex.IsMatch(p, Refusal));
    }

    /// <summary>The live preview admin.js asks for as an editor types.</summary>
    private static async Task<string> LivePreviewAsync(StaffSession editor, IHtmlDocument page, string markdown)
    {
        var form = page.QuerySelector("form[data-preview-url]")!;
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("data-preview-url"))
        {
            Content = new FormUrlEncodedContent([new("markdown", markdown)]),
        };
        request.Headers.Add("RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        var response = await editor.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

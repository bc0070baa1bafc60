using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Admin;

/// <summary>
/// The endpoints behind the Markdown fields' formatting help (wwwroot/js/markdown-toolbar.js): pasted HTML turned into
/// Markdown, and the citation picker's list of references and its "Add a new reference". Who may call them is in
/// AuthorizationTests' table.
/// </summary>
public class FormattingHelpTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("form[data-citations-url] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task<(StaffSession Editor, IHtmlDocument Page, string CitationsUrl)> EditorOnArticleAsync()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var page = await editor.GetPageAsync(adminUrl);
        var form = page.QuerySelector("form[data-citations-url]")!;
        Assert.Equal(form.GetAttribute("data-article-id"), adminUrl.Split('/').Last());
        return (editor, page, form.GetAttribute("data-citations-url")!);
    }

    [Fact]
    public async Task Every_Markdown_field_names_the_paste_endpoint_and_its_form_the_article_references()
    {
        var (_, page, citationsUrl) = await EditorOnArticleAsync();

        Assert.Matches(@"^/admin/articles/\d+/citations/picker$", citationsUrl);
        var field = page.QuerySelector("form[data-citations-url] textarea[data-preview]")!;
        Assert.Equal("/admin/markdown/from-html", field.GetAttribute("data-paste-url"));
    }

    [Fact]
    public async Task Pasted_HTML_comes_back_as_Markdown_and_only_with_an_antiforgery_token()
    {
        var (editor, page, _) = await EditorOnArticleAsync();
        HttpRequestMessage Paste(string? token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/admin/markdown/from-html")
            {
                Content = new FormUrlEncodedContent([new("html", "<h2 style='color:red'>Fibre</h2><p>Feeds <b>bacteria</b><sup>2</sup><script>alert(1)</script></p>")]),
            };
            if (token is not null)
                request.Headers.Add("RequestVerificationToken", token);
            return request;
        }

        var converted = await editor.Client.SendAsync(Paste(Token(page)));
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        Assert.Equal("text/plain", converted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("## Fibre\n\nFeeds **bacteria**[2]", await converted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Client.SendAsync(Paste(null))).StatusCode);
    }

    [Theory]
    [InlineData("<div>", 4_000, true)]
    [InlineData("<ul><li>", 4_000, true)]
    [InlineData("<blockquote>", 4_000, true)]
    [InlineData("<p>Synthetic paragraph.</p>", PastedHtml.MaxElements + 1, false)]
    public async Task A_paste_nested_too_deeply_or_with_too_many_elements_is_refused_with_why(string repeated, int times, bool tooDeep)
    {
        var (editor, page, _) = await EditorOnArticleAsync();
        var html = string.Concat(Enumerable.Repeat(repeated, times));

        var response = await editor.Client.SendAsync(PasteRequest(html, Token(page)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal(tooDeep ? PastedHtml.TooDeep : PastedHtml.TooManyElements, error);
    }

    [Fact]
    public async Task A_large_flat_paste_within_the_limits_converts()
    {
        var (editor, page, _) = await EditorOnArticleAsync();
        var html = string.Concat(Enumerable.Repeat("<p>Synthetic <b>paragraph</b>.</p>", 5_000));

        var response = await editor.Client.SendAsync(PasteRequest(html, Token(page)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Join("\n\n", Enumerable.Repeat("Synthetic **paragraph**.", 5_000)), await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage PasteRequest(string html, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/markdown/from-html")
        {
            Content = new MultipartFormDataContent { { new StringContent(html), "html" } },
        };
        request.Headers.Add("RequestVerificationToken", token);
        return request;
    }

    [Fact]
    public async Task The_picker_lists_the_article_references_by_number_with_authors_title_and_year()
    {
        var (editor, _, citationsUrl) = await EditorOnArticleAsync();

        var list = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);

        Assert.True(list.GetProperty("version").GetInt32() > 0);
        var references = list.GetProperty("references").EnumerateArray().ToList();
        Assert.True(references.Count > 3);
        Assert.Equal(Enumerable.Range(1, references.Count), references.Select(r => r.GetProperty("number").GetInt32()));
        Assert.All(references, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("title").GetString())));
        Assert.All(references, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("authors").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/admin/articles/999999/citations/picker")).StatusCode);
    }

    [Fact]
    public async Task A_reference_added_from_the_picker_is_saved_with_the_next_number_and_listed()
    {
        var (editor, page, citationsUrl) = await EditorOnArticleAsync();
        var list = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);
        var count = list.GetProperty("references").GetArrayLength();

        var response = await PostReferenceAsync(editor, citationsUrl, Token(page), new
        {
            version = list.GetProperty("version").GetInt32(), number = count + 1, kind = 2,
            authorNames = "Picker A\nSecond B", etAl = true, title = "Added on the spot", year = 2024, url = "https://example.org/on-the-spot", doi = (string?)null,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var added = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(count + 1, added.GetProperty("reference").GetProperty("number").GetInt32());
        var after = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);
        var last = after.GetProperty("references").EnumerateArray().Last();
        Assert.Equal(("Added on the spot", "Picker A, Second B, et al.", 2024),
            (last.GetProperty("title").GetString(), last.GetProperty("authors").GetString(), last.GetProperty("year").GetInt32()));
        Assert.Equal(added.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_refused_reference_comes_back_with_the_form_messages_on_its_fields_and_nothing_is_saved()
    {
        var (editor, page, citationsUrl) = await EditorOnArticleAsync();
        var list = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);
        var count = list.GetProperty("references").GetArrayLength();

        var response = await PostReferenceAsync(editor, citationsUrl, Token(page), new
        {
            version = list.GetProperty("version").GetInt32(), number = count + 1, kind = 0,
            authorNames = "", title = "", year = 99, url = "not an address", doi = "https://doi.org/10.1/x",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter at least one author, e.g. “Vighi G”.", errors.GetProperty("AuthorNames")[0].GetString());
        Assert.Equal("Enter the title of the work.", errors.GetProperty("Title")[0].GetString());
        Assert.Equal("Enter a four-digit year.", errors.GetProperty("Year")[0].GetString());
        Assert.Equal("Enter a full web address starting with https://.", errors.GetProperty("Url")[0].GetString());
        Assert.Equal("A DOI starts with “10.” (without https://doi.org/).", errors.GetProperty("Doi")[0].GetString());
        var after = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);
        Assert.Equal(count, after.GetProperty("references").GetArrayLength());
    }

    [Fact]
    public async Task A_reference_whose_json_cannot_be_read_is_refused_at_its_field_without_naming_the_sites_types()
    {
        var (editor, page, citationsUrl) = await EditorOnArticleAsync();
        var list = await editor.Client.GetFromJsonAsync<JsonElement>(citationsUrl);

        var response = await PostReferenceAsync(editor, citationsUrl, Token(page), new { version = list.GetProperty("version").GetInt32(), kind = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.kind", out _), body);
        Assert.DoesNotContain("GutImmune.", body);
        Assert.DoesNotContain("System.", body);
    }

    [Fact]
    public async Task Adding_a_reference_needs_the_antiforgery_token_and_the_Editor_role()
    {
        var (editor, page, citationsUrl) = await EditorOnArticleAsync();
        var reference = new { version = 1, number = 99, kind = 0, authorNames = "X", title = "Y" };

        Assert.Equal(HttpStatusCode.BadRequest, (await PostReferenceAsync(editor, citationsUrl, null, reference)).StatusCode);

        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);
        var refused = await reviewer.Client.GetAsync(citationsUrl);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> PostReferenceAsync(StaffSession editor, string url, string? token, object reference)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(reference) };
        if (token is not null)
            request.Headers.Add("RequestVerificationToken", token);
        return editor.Client.SendAsync(request);
    }
}

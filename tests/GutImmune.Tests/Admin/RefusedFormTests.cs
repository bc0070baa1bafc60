using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Media;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A form refused and shown again with its messages answers 400 whichever form it is (the conflicts' 409 stay, see
/// <see cref="ConcurrentEditingTests"/>), and what cannot be read as a field's type is said in the site's words, not the framework's.
/// </summary>
public class RefusedFormTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    /// <summary>A new draft of its own (tests do not share content) and its admin address.</summary>
    private static async Task<string> NewArticleAsync(StaffSession editor)
    {
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = $"Refused form test {Guid.NewGuid():N}", ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer",
        });
        return created.Headers.Location!.OriginalString;
    }

    [Theory]
    [InlineData("article details, slug taken")]
    [InlineData("workflow step made up")]
    [InlineData("new article, title missing")]
    [InlineData("section, citing a missing reference")]
    [InlineData("reference, year in the future")]
    [InlineData("writing page, heading missing")]
    [InlineData("site page, body missing")]
    public async Task A_form_shown_again_with_its_problems_answers_400(string form)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Admin);
        var adminUrl = await NewArticleAsync(editor);
        var thisYear = DateTime.UtcNow.Year;

        var response = form switch
        {
            "article details, slug taken" => await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Slug"] = "gut-immune-system-connection" }),
            // The status form's buttons send the step; a forged or outdated form sends one the workflow does not have.
            "workflow step made up" => await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", new() { ["Step"] = "launch" }),
            "new article, title missing" => await editor.SubmitAsync("/admin/articles/new", "main form", new() { ["Title"] = "", ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer" }),
            "section, citing a missing reference" => await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Cited", ["Body"] = "A claim.[42]" }),
            "reference, year in the future" => await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
            {
                ["Number"] = "1", ["AuthorNames"] = "Future F", ["Title"] = "A work from the future", ["Year"] = $"{thisYear + 2}",
            }),
            "writing page, heading missing" => await editor.SubmitAsync(adminUrl + "/write", "#write-form", new()
            {
                ["Sections[0].Id"] = "0", ["Sections[0].Heading"] = "", ["Sections[0].Kind"] = "Prose", ["Sections[0].Body"] = "Text.",
            }),
            "site page, body missing" => await editor.SubmitAsync("/admin/pages/about", "main form.form", new() { ["Body"] = "" }),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await StaffSession.ParseAsync(response);
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.NotNull(page.QuerySelector("main form"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("on")]
    public async Task A_reference_form_with_a_number_or_year_it_cannot_read_says_what_to_enter(string sent)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = await NewArticleAsync(editor);

        var response = await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["Number"] = sent, ["AuthorNames"] = "Vighi G", ["Title"] = "A work", ["Year"] = sent + "20x0", ["EtAl"] = sent,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("The number must be between 1 and 999.", page.QuerySelector("[name=Number]")!.Closest(".field")!.TextContent);
        Assert.Contains("Enter a four-digit year.", page.QuerySelector("[name=Year]")!.Closest(".field")!.TextContent);
        Assert.DoesNotContain("is invalid", summary);
        Assert.DoesNotContain("is not valid", summary);
        Assert.DoesNotContain("The value", summary);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("image details")]
    public async Task A_number_field_that_cannot_be_read_shows_again_what_was_typed_with_what_to_enter(string form)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var (url, sent, expected) = form switch
        {
            "reference" => (await NewArticleAsync(editor) + "/citations/new",
                new Dictionary<string, string> { ["Number"] = "abc", ["AuthorNames"] = "Vighi G", ["Title"] = "A work", ["Year"] = "20x0" },
                new Dictionary<string, string> { ["Number"] = "The number must be between 1 and 999.", ["Year"] = "Enter a four-digit year." }),
            "image details" => ($"/admin/media/{await MediaLibraryTests.UploadOkAsync(editor, "focal.png", TestImages.Png(311, 217), "A focal test")}",
                new Dictionary<string, string> { ["FocalX"] = "abc", ["FocalY"] = "1e" },
                new Dictionary<string, string> { ["FocalX"] = "Enter a percentage from 0 (left) to 100 (right).", ["FocalY"] = "Enter a percentage from 0 (top) to 100 (bottom)." }),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };

        var response = await editor.SubmitAsync(url, "main form.form", sent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        foreach (var (name, message) in expected)
        {
            var input = page.QuerySelector<IHtmlInputElement>($"input[name={name}]")!;
            Assert.Equal(sent[name], input.GetAttribute("value"));
            // A browser empties a type=number field holding what is not a number, and sends it empty.
            Assert.Equal("text", input.Type);
            Assert.Equal("numeric", input.GetAttribute("inputmode"));
            Assert.Contains(message, input.Closest(".field")!.TextContent);
        }
    }
}

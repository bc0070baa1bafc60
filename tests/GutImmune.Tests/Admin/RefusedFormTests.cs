using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Reflection;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Media;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A form refused and shown again with its messages answers 400 whichever form it is (the conflicts' 409 stay, see
/// <see cref="ConcurrentEditingTests"/>), and what cannot be read as a field's type is said in the site's words, not the framework's.
/// </summary>
public class RefusedFormTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    /// <summary>
    /// A title, summary or author's name of only characters no one sees (zero-width spaces, the word joiner, a byte-order
    /// mark, direction marks) is refused on its field like an empty one: it would list and publish an article without one.
    /// </summary>
    [Theory]
    [InlineData("Title")]
    [InlineData("Summary")]
    [InlineData("AuthorName")]
    public async Task An_article_field_of_only_invisible_characters_is_refused_on_that_field(string field)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var slug = "invisible-" + Guid.NewGuid().ToString("N")[..10];
        var fields = new Dictionary<string, string> { ["Title"] = "A visible title", ["Slug"] = slug, ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer" };
        fields[field] = "\u200B\u2060\uFEFF\u200E";

        var response = await editor.SubmitAsync("/admin/articles/new", "main form", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("must hold visible text, not only invisible characters", page.QuerySelector($"[name='{field}']")!.Closest(".field")!.TextContent);
        Assert.False(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db => db.Articles.AnyAsync(a => a.Slug == slug)));
    }

    /// <summary>
    /// A reference's author line of only characters no one sees is refused like an empty list of authors: it saved a
    /// reference whose author is blank on the page, in the JSON-LD and in the exports.
    /// </summary>
    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2066")]
    [InlineData("Vighi G\n\uFEFF\u202E")]
    public async Task A_reference_author_of_only_invisible_characters_is_refused_on_the_authors_field(string authors)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var adminUrl = await NewArticleAsync(editor);

        var response = await editor.SubmitAsync(adminUrl + "/citations/new", "main form", new()
        {
            ["Number"] = "1", ["AuthorNames"] = authors, ["Title"] = "A work with invisible authors", ["Year"] = "2020",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("must hold visible text, not only invisible characters", page.QuerySelector("[name=AuthorNames]")!.Closest(".field")!.TextContent);
        Assert.Equal("A work with invisible authors", page.QuerySelector("[name=Title]")!.GetAttribute("value"));
        Assert.False(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db => db.Citations.AnyAsync(c => c.Title == "A work with invisible authors")));
    }

    /// <summary>An image's description of only characters no one sees is no description: refused as a missing one.</summary>
    [Fact]
    public async Task A_hero_image_description_of_only_invisible_characters_is_refused_as_missing()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var slug = "invisible-alt-" + Guid.NewGuid().ToString("N")[..10];

        var response = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "A visible title", ["Slug"] = slug, ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer",
            ["HeroImageUrl"] = "https://images.example.org/gut.jpg", ["HeroImageAlt"] = "\u200B\u2066",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("is required when there is an image", page.QuerySelector("[name=HeroImageAlt]")!.Closest(".field")!.TextContent);
        Assert.False(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db => db.Articles.AnyAsync(a => a.Slug == slug)));
    }

    /// <summary>
    /// A field of only invisible characters is said together with the form's other problems: it was said only once the
    /// others were mended, a second refusal for what the first could have named.
    /// </summary>
    [Fact]
    public async Task An_invisible_title_and_author_are_refused_together_with_a_missing_summary()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var response = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "\u200B\u2060", ["Summary"] = "", ["AuthorName"] = "\u202E",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Enter a summary", summary);
        Assert.Contains("The title must hold visible text, not only invisible characters", summary);
        Assert.Contains("The author’s name must hold visible text, not only invisible characters", summary);
    }

    /// <summary>A new draft of its own (tests do not share content) and its admin address.</summary>
    private static async Task<string> NewArticleAsync(StaffSession editor)
    {
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = $"Refused form test {Guid.NewGuid():N}", ["Summary"] = "A summary.", ["AuthorName"] = "A. Writer",
        });
        return created.Headers.Location!.OriginalString;
    }

    /// <summary>The heading of a form shown again names what is saved, not the refused text typed into the form.</summary>
    [Theory]
    [InlineData("sections", "Heading", "Edit section “")]
    [InlineData("causes", "Title", "Edit the cause “")]
    [InlineData("citations", "Number", "Edit reference ")]
    public async Task An_edit_form_shown_again_is_headed_by_the_saved_name_not_the_refused_one(string part, string field, string heading)
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        async Task<List<string>> LinksAsync(string url, string to) => [.. (await editor.GetPageAsync(url)).QuerySelectorAll("main a")
            .Select(a => a.GetAttribute("href")!).Where(href => href.StartsWith($"{adminUrl}/{to}/", StringComparison.Ordinal) && char.IsDigit(href[^1]))];
        var sectionUrls = await LinksAsync(adminUrl, "sections");
        // Causes are listed on their section's page.
        var itemUrl = part == "causes"
            ? (await Task.WhenAll(sectionUrls.Select(url => LinksAsync(url, part)))).SelectMany(links => links).First()
            : (await LinksAsync(adminUrl, part)).First();
        var form = await editor.GetPageAsync(itemUrl);
        var (savedTitle, savedHeading) = (form.Title!, form.QuerySelector("h1")!.TextContent);

        var refused = await editor.SubmitAsync(form, "main form", new() { [field] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith(heading, savedTitle);
        Assert.DoesNotContain("“”", savedTitle);
        var reshown = await StaffSession.ParseAsync(refused);
        Assert.Equal((savedTitle, savedHeading), (reshown.Title!, reshown.QuerySelector("h1")!.TextContent));
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

    [Theory]
    [InlineData("reference title", 1_001, "The title can be at most 1,000 characters long.")]
    [InlineData("writing page reference title", 1_001, "The title can be at most 1,000 characters long.")]
    [InlineData("account name", 201, "The name can be at most 200 characters long.")]
    [InlineData("account email", 257, "An email address can be at most 256 characters long.")]
    public async Task A_field_over_its_length_says_its_limit_in_the_sites_words(string field, int length, string message)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Admin);
        var text = new string('x', length);
        var (response, name) = field switch
        {
            "reference title" => (await editor.SubmitAsync(await NewArticleAsync(editor) + "/citations/new", "main form",
                new() { ["Number"] = "1", ["AuthorNames"] = "Vighi G", ["Title"] = text }), "Title"),
            "writing page reference title" => (await editor.SubmitAsync(await NewArticleAsync(editor) + "/write", "#write-form", new()
            {
                ["References[0].Id"] = "0", ["References[0].Number"] = "1", ["References[0].AuthorNames"] = "Vighi G", ["References[0].Title"] = text,
            }), "References[0].Title"),
            "account name" => (await editor.SubmitAsync("/admin/users/new", "main form", new() { ["Email"] = "long-name@example.org", ["DisplayName"] = text, ["Roles"] = Roles.Reviewer }), "DisplayName"),
            "account email" => (await editor.SubmitAsync("/admin/users/new", "main form",
                new() { ["Email"] = text[..(length - 12)] + "@example.org", ["DisplayName"] = "Long Email", ["Roles"] = Roles.Reviewer }), "Email"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[name='{name}']")!.Closest(".field")!.TextContent);
        Assert.DoesNotContain("maximum length", page.QuerySelector("main")!.TextContent);
    }

    /// <summary>Every check on a form's field says the site's own sentence: the framework's ("The field Title must be a string with a maximum length of 1000.", "The Fingerprint field is required.") names properties, not what to do.</summary>
    [Fact]
    public void Every_check_on_a_form_field_has_its_own_message()
    {
        var forms = typeof(TextCharacters).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Form", StringComparison.Ordinal));
        var framework = forms.SelectMany(form => form.GetProperties().SelectMany(property => property.GetCustomAttributes<ValidationAttribute>()
            // [DataType] says what kind of text a field holds (a password) and refuses nothing.
            .Where(check => check is not DataTypeAttribute && check.ErrorMessage is null && check.ErrorMessageResourceName is null)
            .Select(check => $"{form.Name}.{property.Name}: {check.GetType().Name}"))).Distinct().ToList();

        Assert.Empty(framework);
    }
}

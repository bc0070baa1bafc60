using System.Text.Json.Nodes;
using GutImmune.BrowserTests.Accessibility;
using GutImmune.BrowserTests.Site;
using GutImmune.BrowserTests.Validity;
using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>
/// The formatting help every Markdown field gets (wwwroot/js/markdown-toolbar.js): toolbar and shortcuts, paste from a
/// word processor, and the citation picker, used by keyboard alone. Each test works on an article of its own.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class FormattingHelpInBrowserTests(SiteInChromium site)
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Paste", name));

    /// <summary>Imports an article with one prose section and two references, and opens the section's edit page as an editor.</summary>
    private async Task<(OpenedPage Opened, ILocator Body)> OpenSectionAsync(string slug, ColorScheme colorScheme = ColorScheme.Light)
    {
        var file = new JsonObject
        {
            ["slug"] = slug, ["title"] = $"Formatting help {slug}", ["summary"] = "Synthetic.", ["author"] = new JsonObject { ["name"] = "Test Author" },
            ["status"] = "draft", ["topics"] = new JsonArray(),
            ["sections"] = new JsonArray(new JsonObject { ["slug"] = "prose", ["heading"] = "Prose", ["kind"] = "prose", ["body"] = "Start." }),
            ["citations"] = new JsonArray(
                new JsonObject { ["number"] = 1, ["kind"] = "journalArticle", ["authors"] = "Vighi G, et al.", ["title"] = "Allergy and the gastrointestinal system", ["year"] = 2008 },
                new JsonObject { ["number"] = 2, ["kind"] = "journalArticle", ["authors"] = "Lazar V, et al.", ["title"] = "Gut microbiota and immunity", ["year"] = 2018 }),
            ["disclaimer"] = "Synthetic.",
        };
        var article = await site.ImportAsync(file.ToJsonString());
        var opened = colorScheme == ColorScheme.Light
            ? await site.SignInAsync(Roles.Editor)
            : await site.OpenAsync(new SitePage("section", $"/admin/articles/{article.Id}/sections/{article.Sections[0].Id}", 200, SignedIn: true), colorScheme);
        await opened.Page.GotoAsync($"/admin/articles/{article.Id}/sections/{article.Sections[0].Id}");
        var body = opened.Page.GetByRole(AriaRole.Textbox, new() { Name = "Text (Markdown)", Exact = true });
        await Assertions.Expect(opened.Page.GetByRole(AriaRole.Button, new() { Name = "Insert citation" })).ToBeVisibleAsync();
        return (opened, body);
    }

    private static Task SelectAsync(ILocator textarea, int start, int end) =>
        textarea.EvaluateAsync("(t, [s, e]) => { t.focus(); t.setSelectionRange(s, e); }", new[] { start, end });

    [Fact]
    public async Task Toolbar_buttons_and_shortcuts_format_the_selection_and_name_their_keys()
    {
        var (opened, body) = await OpenSectionAsync("formatting-toolbar");
        await using var _ = opened;
        var page = opened.Page;
        var bold = page.GetByRole(AriaRole.Button, new() { Name = "Bold" });
        Assert.Equal("Control+B Meta+B", await bold.GetAttributeAsync("aria-keyshortcuts"));
        Assert.Contains("Ctrl+B", await bold.GetAttributeAsync("title"));
        Assert.Equal("button", await bold.GetAttributeAsync("type"));

        await body.FillAsync("fibre helps\nsleep helps");
        await SelectAsync(body, 0, 5);
        await bold.ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync("**fibre** helps\nsleep helps");

        await SelectAsync(body, 10, 15);
        await page.Keyboard.PressAsync("Control+i");
        await Assertions.Expect(body).ToHaveValueAsync("**fibre** *helps*\nsleep helps");

        await SelectAsync(body, 0, 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bulleted list" }).ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync("- **fibre** *helps*\nsleep helps");

        await SelectAsync(body, 20, 31);
        await page.Keyboard.PressAsync("Control+k");
        await Assertions.Expect(body).ToHaveValueAsync("- **fibre** *helps*\n[sleep helps](https://)");
        await page.Keyboard.TypeAsync("https://example.org");
        await Assertions.Expect(body).ToHaveValueAsync("- **fibre** *helps*\n[sleep helps](https://example.org)");

        await Assertions.Expect(page.Locator("#Body-preview strong")).ToHaveTextAsync("fibre");
        await Assertions.Expect(page.Locator("#Body-preview a[href='https://example.org']")).ToHaveTextAsync("sleep helps");
    }

    [Fact]
    public async Task A_paste_longer_than_a_field_takes_says_under_the_field_and_aloud_how_much_was_left_out()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        await opened.Page.GotoAsync("/admin/articles");
        var search = opened.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Title or slug contains" });
        var most = int.Parse((await search.GetAttributeAsync("maxlength"))!);
        const string paste = """
            (t, plain) => {
                const data = new DataTransfer();
                data.setData("text/plain", plain);
                t.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """;
        await search.FillAsync("gut ");
        await search.EvaluateAsync("t => t.setSelectionRange(0, 4)"); // the paste replaces the selection

        await search.EvaluateAsync(paste, new string('a', most));
        await Assertions.Expect(opened.Page.Locator("#q-cut")).ToHaveCountAsync(0);
        await search.EvaluateAsync("t => t.setSelectionRange(4, 4)");
        await search.EvaluateAsync(paste, new string('a', most));

        var said = $"Only {most - 4:N0} of the {most:N0} characters pasted fit: the rest was left out.";
        await Assertions.Expect(opened.Page.Locator("#q-cut")).ToHaveTextAsync(said);
        Assert.Contains("q-cut", await search.GetAttributeAsync("aria-describedby"));
        await Assertions.Expect(opened.Page.Locator("#checks-announcer")).ToHaveTextAsync(said);
        // Characters as people count them: an emoji is one (two UTF-16 units of the maxlength).
        await search.FillAsync("");
        await search.EvaluateAsync(paste, string.Concat(Enumerable.Repeat("😀", most / 2 + 1)));
        await Assertions.Expect(opened.Page.Locator("#q-cut")).ToHaveTextAsync($"Only {most / 2:N0} of the {most / 2 + 1:N0} characters pasted fit: the rest was left out.");
        // Changed afterwards, the field no longer says so.
        await search.PressSequentiallyAsync("g");
        await Assertions.Expect(opened.Page.Locator("#q-cut")).ToHaveCountAsync(0);
        Assert.DoesNotContain("q-cut", await search.GetAttributeAsync("aria-describedby") ?? "");
    }

    [Fact]
    public async Task Pasting_Word_and_Google_Docs_HTML_inserts_Markdown_at_the_cursor_and_plain_text_is_left_to_the_browser()
    {
        var (opened, body) = await OpenSectionAsync("formatting-paste");
        await using var _ = opened;
        const string paste = """
            (t, [html, plain]) => {
                const data = new DataTransfer();
                if (html) data.setData("text/html", html);
                data.setData("text/plain", plain);
                const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
                t.dispatchEvent(event);
                return event.defaultPrevented;
            }
            """;
        await body.FillAsync("Before.\n\n");
        await SelectAsync(body, 9, 9);

        Assert.True(await body.EvaluateAsync<bool>(paste, new[] { Fixture("word.html"), "plain words" }));
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            @"^Before\.\n\n## How the gut trains immunity\n\nAbout 70% of the immune system lives in the \*\*gut\*\*.*every day\.\[3\]"));
        var value = await body.InputValueAsync();
        Assert.Contains("- Fibre feeds the bacteria\n  - which make short-chain fatty acids[4]\n- Sleep matters too", value);
        Assert.Contains("| Yoghurt | Probiotics \\| live cultures |", value);
        Assert.DoesNotContain("mso", value);
        await Assertions.Expect(body.Page.Locator("#Body-preview table")).ToBeVisibleAsync();
        await Assertions.Expect(body.Page.Locator("#Body-preview ul ul li")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("which make short-chain fatty acids"));

        await body.FillAsync("");
        Assert.True(await body.EvaluateAsync<bool>(paste, new[] { Fixture("google-docs.html"), "plain words" }));
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^## Why fibre matters\n\nFibre is \*\*fermented\*\* \*in the colon\* \[2\]"));

        Assert.False(await body.EvaluateAsync<bool>(paste, new[] { "", "plain words" }));
    }

    [Fact]
    public async Task A_refused_paste_goes_in_as_plain_text_and_the_field_says_why()
    {
        var (opened, body) = await OpenSectionAsync("formatting-paste-refused");
        await using var _ = opened;
        const string paste = """
            (t, [html, plain]) => {
                const data = new DataTransfer();
                data.setData("text/html", html);
                data.setData("text/plain", plain);
                t.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """;
        await body.FillAsync("");

        await body.EvaluateAsync(paste, new[] { string.Concat(Enumerable.Repeat("<div>", 4_000)) + "deep words", "deep words" });

        await Assertions.Expect(body).ToHaveValueAsync("deep words");
        var problem = body.Locator("xpath=following-sibling::p[@role='alert']");
        await Assertions.Expect(problem).ToHaveTextAsync(PastedHtml.TooDeep + " It was pasted as plain text.");

        await body.FillAsync("");
        await body.EvaluateAsync(paste, new[] { "<b>fibre</b>", "fibre" });
        await Assertions.Expect(body).ToHaveValueAsync("**fibre**");
        await Assertions.Expect(problem).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Block_Markdown_pasted_into_a_line_gets_a_blank_line_before_it_and_after_it_when_text_follows()
    {
        var (opened, body) = await OpenSectionAsync("formatting-paste-blocks");
        await using var _ = opened;
        const string paste = """
            (t, [html, at]) => {
                t.focus();
                t.setSelectionRange(at, at);
                const data = new DataTransfer();
                data.setData("text/html", html);
                data.setData("text/plain", "plain");
                t.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """;

        await body.FillAsync("The gut is a barrier.");
        await body.EvaluateAsync(paste, new object[] { Fixture("google-docs.html"), 21 });
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^The gut is a barrier\.\n\n## Why fibre matters\n"));

        await body.FillAsync("Before the list. After it.");
        await body.EvaluateAsync(paste, new object[] { "<ul><li>Fibre</li><li>Sleep</li></ul>", 17 });
        await Assertions.Expect(body).ToHaveValueAsync("Before the list. \n\n- Fibre\n- Sleep\n\nAfter it.");

        // Inline text stays inline.
        await body.FillAsync("Eat  daily.");
        await body.EvaluateAsync(paste, new object[] { "<b>fibre</b>", 4 });
        await Assertions.Expect(body).ToHaveValueAsync("Eat **fibre** daily.");
    }

    [Fact]
    public async Task The_citation_picker_opens_filters_and_inserts_by_keyboard_alone()
    {
        var (opened, body) = await OpenSectionAsync("formatting-picker");
        await using var _ = opened;
        var page = opened.Page;
        await body.FillAsync("Fibre helps.");
        await SelectAsync(body, 11, 11);

        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert citation" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert a citation" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Searchbox, new() { Name = "Find a reference" })).ToBeFocusedAsync();
        await Assertions.Expect(dialog.Locator(".citation-picker-list li")).ToHaveCountAsync(2);

        await page.Keyboard.TypeAsync("lazar");
        await Assertions.Expect(dialog.Locator(".citation-picker-list li")).ToHaveCountAsync(1);
        await Assertions.Expect(dialog.Locator("#citation-picker-count")).ToHaveTextAsync("1 of 2 references shown.");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "[2] Lazar V, et al. Gut microbiota and immunity (2018)" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(body).ToHaveValueAsync("Fibre helps[2].");
        await Assertions.Expect(body).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task A_new_reference_added_in_the_picker_is_saved_and_cited_and_a_refused_one_says_why_on_its_fields()
    {
        var (opened, body) = await OpenSectionAsync("formatting-new-reference");
        await using var _ = opened;
        var page = opened.Page;
        await body.FillAsync("Sleep matters.");
        await SelectAsync(body, 13, 13);
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert citation" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert a citation" });
        await Assertions.Expect(dialog.Locator(".citation-picker-list li")).ToHaveCountAsync(2);

        await dialog.GetByLabel("Title").FillAsync("Sleep and immunity");
        await dialog.GetByLabel("DOI").FillAsync("https://doi.org/10.1/x");
        await dialog.GetByLabel("DOI").PressAsync("Enter");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Authors" })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(dialog).ToContainTextAsync("Enter at least one author, e.g. “Vighi G”.");
        await Assertions.Expect(dialog).ToContainTextAsync("A DOI starts with “10.” (without https://doi.org/).");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Authors" })).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("Besedovsky L");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "More authors follow (“et al.”)" }).CheckAsync();
        await dialog.GetByLabel("Year").FillAsync("2019");
        await dialog.GetByLabel("DOI").FillAsync("10.1152/physrev.00010.2018");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add and cite" }).ClickAsync();

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(body).ToHaveValueAsync("Sleep matters[3].");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert citation" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "[3] Besedovsky L, et al. Sleep and immunity (2019)" })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // The editor's form still holds the version it opened; saving it merges with the added reference.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the section");
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_toolbar_and_the_open_picker_pass_axe_and_the_Nu_Html_Checker(ColorScheme colorScheme)
    {
        var (opened, _) = await OpenSectionAsync($"formatting-checks-{colorScheme}".ToLowerInvariant(), colorScheme);
        await using var __ = opened;
        var page = opened.Page;

        var withToolbar = await AxeAudit.RunAsync(page);
        Assert.True(withToolbar.Count == 0, AxeAudit.Describe($"section edit with the toolbar ({colorScheme})", withToolbar));

        await page.GetByRole(AriaRole.Button, new() { Name = "Insert citation" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert a citation" });
        await Assertions.Expect(dialog.Locator(".citation-picker-list li")).ToHaveCountAsync(2);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add and cite" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Title" })).ToHaveAttributeAsync("aria-invalid", "true");
        var withPicker = await AxeAudit.RunAsync(page);
        Assert.True(withPicker.Count == 0, AxeAudit.Describe($"the citation picker with refused fields ({colorScheme})", withPicker));

        // What the scripts built, serialised: the checker reads the page as it is, toolbar and dialog included.
        var errors = (await NuHtmlChecker.CheckAsync("<!DOCTYPE html>\n" + await page.EvaluateAsync<string>("document.documentElement.outerHTML")))
            .Where(m => m.Type == "error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe("the section edit page with toolbar and picker", errors));
    }
}

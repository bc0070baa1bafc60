using GutImmune.BrowserTests.Site;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>
/// The writing page in Chromium: a whole article written on one page with blocks added in place, blocks moved by
/// keyboard and announced, nothing typed lost when the network goes away, and a conflict shown on its block.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class WritingPageInBrowserTests(SiteInChromium site)
{
    /// <summary>A new draft, and its writing page open (reached from the article page's link).</summary>
    private static async Task<string> NewArticleOnItsWritingPageAsync(IPage page, string title)
    {
        await page.GotoAsync("/admin/articles/new");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary").FillAsync("Written on one page by a browser test.");
        await page.GetByLabel("Author name").FillAsync("Test Author");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write the whole article on one page" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Write the article");
        return page.Url;
    }

    private static ILocator Field(IPage page, string name) => page.Locator($"[name='{name}']");

    private static async Task AddSectionAsync(IPage page, int index, string heading, string kind, string body)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a section", Exact = true }).ClickAsync();
        await Field(page, $"Sections[{index}].Heading").FillAsync(heading);
        await Field(page, $"Sections[{index}].Kind").SelectOptionAsync(kind);
        await Field(page, $"Sections[{index}].Body").FillAsync(body);
    }

    private static Task SaveAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Save the article" }).ClickAsync();

    [Fact]
    public async Task An_editor_writes_a_whole_article_on_one_page_reorders_a_section_by_keyboard_and_saves_it_as_one_revision()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await NewArticleOnItsWritingPageAsync(page, "Written on one page");

        await AddSectionAsync(page, 0, "Why the gut matters", "Prose", "Most immune cells live in the gut [1].");
        await AddSectionAsync(page, 1, "Facts to know", "FactList", "A few facts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a fact to section 2" }).ClickAsync();
        await Field(page, "Sections[1].Facts[0].Text").FillAsync("Fibre feeds gut bacteria [1].");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a fact to section 2" }).ClickAsync();
        await Field(page, "Sections[1].Facts[1].Text").FillAsync("Sleep matters too.");
        // An added block's preview and checks are named after its own label, not the template's.
        await Assertions.Expect(page.Locator("#Sections_1__Facts_1__Text-preview")).ToHaveAttributeAsync("aria-label", "Preview of Fact 2");
        await Assertions.Expect(page.Locator("#Sections_1__Facts_1__Text-checks")).ToHaveAttributeAsync("aria-label", "Content checks of Fact 2");
        await AddSectionAsync(page, 2, "What upsets it", "CauseList", "Some causes.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a cause to section 3" }).ClickAsync();
        await Field(page, "Sections[2].Causes[0].Title").FillAsync("Stress");
        await Field(page, "Sections[2].Causes[0].Description").FillAsync("Stress changes the gut.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a reference" }).ClickAsync();
        await Field(page, "References[0].AuthorNames").FillAsync("Vighi G\nMarcucci F");
        await Field(page, "References[0].EtAl").CheckAsync();
        await Field(page, "References[0].Title").FillAsync("Allergy and the gastrointestinal system");

        // Alt+Arrow Up from inside the third section moves it above the second, and says so.
        await Field(page, "Sections[2].Heading").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(page.Locator("#block-announcer")).ToHaveTextAsync("Section moved up to position 2 of 3.");
        await Assertions.Expect(Field(page, "Sections[1].Heading")).ToHaveValueAsync("What upsets it");
        await Assertions.Expect(Field(page, "Sections[1].Heading")).ToBeFocusedAsync();
        await Assertions.Expect(Field(page, "Sections[2].Facts[1].Text")).ToHaveValueAsync("Sleep matters too.");
        // The moved fact of the other section follows by keyboard too.
        await Field(page, "Sections[2].Facts[1].Text").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Assertions.Expect(page.Locator("#block-announcer")).ToHaveTextAsync("Fact moved up to position 1 of 2 of section 3.");
        await Assertions.Expect(page.Locator("#Sections_2__Facts_0__Text-preview")).ToHaveAttributeAsync("aria-label", "Preview of Fact 1");
        await Assertions.Expect(page.Locator("#Sections_2__Facts_1__Text-preview")).ToHaveAttributeAsync("aria-label", "Preview of Fact 2");

        // On the Kind select, Alt+Arrow keys are the select's own (they open its list): the section stays.
        await Field(page, "Sections[1].Kind").FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Assertions.Expect(Field(page, "Sections[1].Heading")).ToHaveValueAsync("What upsets it");
        await Assertions.Expect(page.Locator("#block-announcer")).ToHaveTextAsync("Fact moved up to position 1 of 2 of section 3.");

        await SaveAsync(page);
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the article as version 2");
        await Assertions.Expect(Field(page, "Sections[1].Heading")).ToHaveValueAsync("What upsets it");
        await Assertions.Expect(Field(page, "Sections[2].Facts[0].Text")).ToHaveValueAsync("Sleep matters too.");
        await Assertions.Expect(Field(page, "References[0].Number")).ToHaveValueAsync("1");
        await Assertions.Expect(Field(page, "References[0].AuthorNames")).ToHaveValueAsync("Vighi G\nMarcucci F");
        await Assertions.Expect(Field(page, "References[0].EtAl")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Written on one page" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Revisions" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_new_block_gets_live_content_checks_as_it_is_typed_and_its_saved_checks_beside_it_after_saving()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await NewArticleOnItsWritingPageAsync(page, "Checked on one page");

        await AddSectionAsync(page, 0, "Why the gut matters", "Prose", "Stress changes the gut.");
        // The new block's field has its own live checks (its ids renumbered from the template's).
        var live = page.Locator("#Sections_0__Body-checks");
        await Assertions.Expect(live).ToBeVisibleAsync();
        await Assertions.Expect(live).ToContainTextAsync("No citation: “Stress changes the gut.”");
        // The preview and checks are not live regions (a screen reader would read them again at every pause); a change in
        // the number of findings is announced in one short sentence instead.
        await Assertions.Expect(live).Not.ToHaveAttributeAsync("aria-live", new System.Text.RegularExpressions.Regex("."));
        await Assertions.Expect(page.Locator("#Sections_0__Body-preview")).Not.ToHaveAttributeAsync("aria-live", new System.Text.RegularExpressions.Regex("."));
        await Field(page, "Sections[0].Body").FillAsync("Stress changes the gut. Read [click here](https://example.org).");
        await Assertions.Expect(live).ToContainTextAsync("“click here”");
        await Assertions.Expect(page.Locator("#checks-announcer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Content checks of Text \(Markdown\): \d+ findings?\.$"));
        await Field(page, "Sections[0].Body").FillAsync("Read [click here](https://example.org).");
        await Assertions.Expect(live).Not.ToContainTextAsync("Stress changes the gut.");

        await SaveAsync(page);
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the article as version 2");
        var saved = page.Locator("li.section-block > .block-checks");
        await Assertions.Expect(saved).ToContainTextAsync("Content checks (as last saved): reading grade");
        await Assertions.Expect(saved).ToContainTextAsync("“click here”");
    }

    [Fact]
    public async Task A_section_added_on_the_page_gets_the_toolbar_the_citation_picker_and_paste_from_a_word_processor_before_it_is_saved()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await NewArticleOnItsWritingPageAsync(page, "Formatted before saving");

        await AddSectionAsync(page, 0, "Why the gut matters", "Prose", "fibre helps");
        var body = Field(page, "Sections[0].Body");
        var toolbar = page.GetByRole(AriaRole.Group, new() { Name = "Formatting: Text (Markdown)" });
        await Assertions.Expect(toolbar).ToHaveCountAsync(1);
        await Assertions.Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Insert citation" })).ToBeVisibleAsync();
        await body.EvaluateAsync("t => { t.focus(); t.setSelectionRange(0, 5); }");
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();
        await Assertions.Expect(body).ToHaveValueAsync("**fibre** helps");
        await body.EvaluateAsync("t => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); }");
        await page.Keyboard.PressAsync("Control+i");
        await Assertions.Expect(body).ToHaveValueAsync("**fibre** helps*italic text*");

        await body.FillAsync("");
        var pasted = await body.EvaluateAsync<bool>("""
            t => {
                const data = new DataTransfer();
                data.setData("text/html", '<p class="MsoNormal" style="mso-margin-top-alt:auto">Fibre is <b>fermented</b> in the colon.</p>');
                data.setData("text/plain", "Fibre is fermented in the colon.");
                const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
                t.dispatchEvent(event);
                return event.defaultPrevented;
            }
            """);
        Assert.True(pasted);
        await Assertions.Expect(body).ToHaveValueAsync("Fibre is **fermented** in the colon.");
    }

    [Fact]
    public async Task Text_typed_while_the_network_is_away_is_kept_once_it_returns_and_offered_back_after_a_reload()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await NewArticleOnItsWritingPageAsync(page, "Written through a lost network");
        var status = page.Locator("#autosave-status");

        await page.GetByLabel("Summary").FillAsync("Typed before the network went.");
        await Assertions.Expect(status).ToContainTextAsync("kept at");
        await opened.Context.SetOfflineAsync(true);
        await page.GetByLabel("Summary").FillAsync("Typed before the network went, and more while it was away.");
        await page.GetByLabel("Author name").FocusAsync();
        await Assertions.Expect(status).ToContainTextAsync("no connection");
        await opened.Context.SetOfflineAsync(false);
        await Assertions.Expect(status).ToContainTextAsync("kept at");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".pending-offer")).ToContainTextAsync("You have unsaved changes from");
        await page.GetByRole(AriaRole.Link, new() { Name = "Restore them" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Summary")).ToHaveValueAsync("Typed before the network went, and more while it was away.");
    }

    [Fact]
    public async Task A_refused_autosave_says_why_in_one_clean_sentence()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await NewArticleOnItsWritingPageAsync(page, "Written with a stale token");
        await page.Locator("#write-form input[name=__RequestVerificationToken]").EvaluateAsync("input => input.value = 'stale'");

        await page.GetByLabel("Summary").FillAsync("Typed with a token the site no longer takes.");
        await page.GetByLabel("Author name").FocusAsync();

        // The server's sentence becomes a clause of the status: no full stop before the semicolon, no capital after the colon.
        await Assertions.Expect(page.Locator("#autosave-status")).ToHaveTextAsync(
            "not kept: the page's security token is missing or out of date - reload the page, then continue; your text is still here");
    }

    [Fact]
    public async Task Text_typed_after_the_sign_in_ended_elsewhere_stays_on_the_page_when_saved_and_is_kept_after_signing_in_again()
    {
        var (email, password) = await site.CreateAccountAsync(Roles.Editor);
        await using var opened = await site.OpenAsync("/admin/sign-in");
        var page = opened.Page;
        async Task SignInAsync(IPage on)
        {
            await on.GotoAsync("/admin/sign-in");
            await on.GetByLabel("Email address").FillAsync(email);
            await on.GetByLabel("Password").FillAsync(password);
            await on.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await on.WaitForURLAsync("**/admin");
        }
        await SignInAsync(page);
        var writeUrl = await NewArticleOnItsWritingPageAsync(page, "Saved after the sign-in ended");
        var other = await opened.Context.NewPageAsync();
        await other.GotoAsync("/admin");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await other.WaitForURLAsync(url => !url.EndsWith("/admin"));

        await page.GetByLabel("Summary").FillAsync("Typed just before saving.");
        await SaveAsync(page);

        var expired = page.Locator("#signin-expired");
        await Assertions.Expect(expired).ToBeVisibleAsync();
        await Assertions.Expect(expired).ToBeFocusedAsync();
        Assert.Equal(writeUrl, page.Url);
        await Assertions.Expect(page.GetByLabel("Summary")).ToHaveValueAsync("Typed just before saving.");

        await SignInAsync(other);
        // Autosave tries again on its own and, signed in, keeps the text (and hides the notice).
        await Assertions.Expect(expired).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await other.GotoAsync(writeUrl);
        await other.GetByRole(AriaRole.Link, new() { Name = "Restore them" }).ClickAsync();
        await Assertions.Expect(other.GetByLabel("Summary")).ToHaveValueAsync("Typed just before saving.");
    }

    [Fact]
    public async Task A_change_another_editor_saved_to_the_same_fact_is_shown_on_that_fact_with_both_texts()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        var writeUrl = await NewArticleOnItsWritingPageAsync(page, "Written by two editors");
        await AddSectionAsync(page, 0, "Facts to know", "FactList", "A few facts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a fact to section 1" }).ClickAsync();
        await Field(page, "Sections[0].Facts[0].Text").FillAsync("The first text.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a fact to section 1" }).ClickAsync();
        await Field(page, "Sections[0].Facts[1].Text").FillAsync("Another fact.");
        await SaveAsync(page);
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the article");

        await using (var other = await site.SignInAsync(Roles.Editor))
        {
            await other.Page.GotoAsync(writeUrl);
            await Field(other.Page, "Sections[0].Facts[0].Text").FillAsync("The other editor’s text.");
            await SaveAsync(other.Page);
            await Assertions.Expect(other.Page.Locator(".flash")).ToContainTextAsync("Saved the article");
        }
        await Field(page, "Sections[0].Facts[0].Text").FillAsync("My text.");
        await SaveAsync(page);

        var fact = page.Locator("li.item-block").Filter(new() { Has = Field(page, "Sections[0].Facts[0].Text") });
        await Assertions.Expect(fact.Locator(".block-conflict")).ToContainTextAsync("The other editor’s text.");
        await Assertions.Expect(fact.Locator(".block-conflict")).ToContainTextAsync("My text.");
        await Assertions.Expect(page.Locator("li.item-block").Filter(new() { Has = Field(page, "Sections[0].Facts[1].Text") }).Locator(".block-conflict"))
            .ToHaveCountAsync(0);
        await Assertions.Expect(Field(page, "Sections[0].Facts[0].Text")).ToHaveValueAsync("My text.");
    }
}

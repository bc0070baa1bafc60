using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.People;

/// <summary>Author and reviewer profiles: written in the admin, shown at /people, linked from article headers and JSON-LD.</summary>
public class PeopleTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string FormSelector = "main form.form";

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<IHtmlDocument> ReaderPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await StaffSession.ParseAsync(response);
    }

    /// <summary>Creates a profile through the admin form as <paramref name="editor"/>; returns the reply to the post.</summary>
    private static Task<HttpResponseMessage> CreateProfileAsync(StaffSession editor, Dictionary<string, string> fields) =>
        editor.SubmitAsync("/admin/people/new", FormSelector, fields);

    private async Task<string> CreateProfileAsync(string name, string credentials, string role, string? accountId = null)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var fields = new Dictionary<string, string> { ["Name"] = name, ["Credentials"] = credentials, ["Role"] = role };
        if (accountId is not null)
            fields["AccountId"] = accountId;
        await StaffSession.AssertRedirectedAsync(await CreateProfileAsync(editor, fields));
        return await factory.WithServiceAsync<GutImmuneDbContext, string>(db => db.People.Where(p => p.Name == name).Select(p => p.Slug).SingleAsync());
    }

    private async Task<string> CreateArticleAsync(string title, ArticleStatus status, string author, string? reviewer = null,
        DateTime? publishedAt = null)
    {
        var slug = Slug.From(title);
        using var scope = factory.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().CreateAsync(new Article
        {
            Slug = slug, Title = title, Summary = "An article made by a people test.", AuthorName = author,
            Status = status, PublishedAt = publishedAt ?? (status == ArticleStatus.Published ? DateTime.UtcNow.AddMinutes(-1) : null),
            ReviewedBy = reviewer, LastReviewedOn = reviewer is null ? null : new DateOnly(2026, 1, 15),
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Text of a test article." }],
        }, "Made by a test", default);
        Assert.IsType<EditOutcome.Saved>(outcome);
        return slug;
    }

    private async Task<string> CreateAccountAsync(string displayName)
    {
        using var scope = factory.Services.CreateScope();
        var email = $"{Guid.NewGuid():N}@example.org";
        var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>()
            .CreateAsync(email, displayName, PasswordGenerator.Generate(), [Roles.Reviewer]);
        Assert.True(result.Succeeded);
        return await factory.WithServiceAsync<GutImmuneDbContext, string>(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }

    [Fact]
    public async Task An_editor_creates_a_profile_that_readers_see_with_its_bio_rendered_and_the_change_audited()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var name = Unique("Dr. Robin Profile");

        var response = await CreateProfileAsync(editor, new()
        {
            ["Name"] = name, ["Credentials"] = "MD", ["Role"] = "Medical reviewer",
            ["Bio"] = "# Training\n\nReviews articles on **digestion**.\n\n<script>alert(1)</script>",
        });

        await StaffSession.AssertRedirectedAsync(response);
        var slug = Slug.From(name);
        var list = await ReaderPageAsync("/people");
        Assert.Contains(list.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/people/{slug}" && a.TextContent == $"{name}, MD");
        var profile = await ReaderPageAsync($"/people/{slug}");
        Assert.Equal($"{name}, MD", profile.QuerySelector("h1")!.TextContent);
        Assert.Equal("Medical reviewer", profile.QuerySelector(".role")!.TextContent);
        Assert.Equal("digestion", profile.QuerySelector(".bio strong")!.TextContent);
        Assert.Equal("Training", profile.QuerySelector(".bio h2")!.TextContent);
        Assert.Null(profile.QuerySelector(".bio script"));
        Assert.True(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db =>
            db.AuditEntries.AnyAsync(e => e.Action == AuditLog.Actions.PersonCreated && e.Target.Contains(name))));
    }

    [Fact]
    public async Task The_profile_form_refuses_missing_fields_a_bad_slug_and_a_taken_slug_with_messages_on_the_fields()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var taken = await CreateProfileAsync(Unique("Sam Taken"), "RD", "Author");

        var empty = await CreateProfileAsync(editor, new() { ["Name"] = " ", ["Role"] = "", ["Slug"] = "Not A Slug" });
        var duplicate = await CreateProfileAsync(editor, new() { ["Name"] = Unique("Sam Other"), ["Role"] = "Author", ["Slug"] = taken });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var page = await StaffSession.ParseAsync(empty);
        Assert.Contains("Enter the person’s name.", page.QuerySelector("#Name")!.ParentElement!.TextContent);
        Assert.Contains("Enter the person’s role", page.QuerySelector("#Role")!.ParentElement!.TextContent);
        Assert.Contains(Slug.FormatMessage, page.QuerySelector("#Slug")!.ParentElement!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Name")!.GetAttribute("aria-invalid"));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains($"Another profile already lives at /people/{taken}",
            (await StaffSession.ParseAsync(duplicate)).QuerySelector("#Slug")!.ParentElement!.TextContent);
        Assert.Equal(1, await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.People.CountAsync(p => p.Slug == taken)));
    }

    [Fact]
    public async Task A_name_of_only_invisible_characters_is_refused_and_controls_that_reorder_a_name_are_not_kept()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var invisible = await CreateProfileAsync(editor, new() { ["Name"] = "\u200B\u202E", ["Role"] = "Author", ["Slug"] = $"invisible-{suffix}" });
        // Shown as "Prof evil Roe" while stored with "live": what readers see must be what is stored.
        var reordered = await CreateProfileAsync(editor, new() { ["Name"] = $"Prof \u202Elive\u202C Roe {suffix}", ["Role"] = "Author" });

        Assert.Equal(HttpStatusCode.BadRequest, invisible.StatusCode);
        Assert.Contains("Enter the person’s name.", (await StaffSession.ParseAsync(invisible)).QuerySelector("#Name")!.ParentElement!.TextContent);
        await StaffSession.AssertRedirectedAsync(reordered);
        Assert.Equal($"Prof live Roe {suffix}", await factory.WithServiceAsync<GutImmuneDbContext, string>(db =>
            db.People.Where(p => p.Name.EndsWith(suffix)).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_error_summary_names_each_missing_field_once_and_links_to_it()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var page = await StaffSession.ParseAsync(await CreateProfileAsync(editor, new() { ["Name"] = "", ["Role"] = "" }));

        var links = page.QuerySelectorAll(".error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([("#Name", "Enter the person’s name."), ("#Role", "Enter the person’s role, e.g. Author or Medical reviewer.")], links);
    }

    [Fact]
    public async Task An_edit_refused_for_its_name_is_shown_again_under_the_saved_name()
    {
        var name = Unique("Robin Saved");
        var slug = await CreateProfileAsync(name, "MD", "Author");
        var id = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.People.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var refused = await editor.SubmitAsync($"/admin/people/{id}", FormSelector, new() { ["Name"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"Edit the profile of {name}", (await StaffSession.ParseAsync(refused)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_edit_saved_over_a_newer_version_is_refused_and_keeps_the_other_save()
    {
        var slug = await CreateProfileAsync(Unique("Alex Twice"), "MD", "Author");
        var id = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.People.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        var first = await StaffSession.SignInAsync(factory, Roles.Editor);
        var second = await StaffSession.SignInAsync(factory, Roles.Admin);
        var firstForm = await first.GetPageAsync($"/admin/people/{id}");
        var secondForm = await second.GetPageAsync($"/admin/people/{id}");

        await StaffSession.AssertRedirectedAsync(await first.SubmitAsync(firstForm, FormSelector, new() { ["Credentials"] = "MD, PhD" }));
        var stale = await second.SubmitAsync(secondForm, FormSelector, new() { ["Credentials"] = "DO" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else saved this profile", (await StaffSession.ParseAsync(stale)).QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("MD, PhD", await factory.WithServiceAsync<GutImmuneDbContext, string?>(db => db.People.Where(p => p.Id == id).Select(p => p.Credentials).SingleAsync()));
    }

    [Fact]
    public async Task Deleting_a_profile_asks_for_confirmation_first_and_is_audited()
    {
        var name = Unique("Jo Leaving");
        var slug = await CreateProfileAsync(name, "RN", "Author");
        var id = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.People.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var confirmPage = await editor.GetPageAsync($"/admin/people/{id}/delete");
        Assert.Contains($"Delete the profile of {name}?", confirmPage.QuerySelector("h1")!.TextContent);
        var unconfirmed = await editor.SubmitAsync(confirmPage, "form.confirm-form", new() { ["Confirmed"] = "false" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        await ReaderPageAsync($"/people/{slug}");

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(confirmPage, "form.confirm-form", []));

        await ReaderPageAsync($"/people/{slug}", HttpStatusCode.NotFound);
        Assert.True(await factory.WithServiceAsync<GutImmuneDbContext, bool>(db =>
            db.AuditEntries.AnyAsync(e => e.Action == AuditLog.Actions.Deleted && e.Target.Contains(name))));
    }

    [Fact]
    public async Task A_reviewer_may_see_the_profiles_but_not_change_them()
    {
        var slug = await CreateProfileAsync(Unique("Lee Kept"), "MD", "Author");
        var id = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.People.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        var reviewer = await StaffSession.SignInAsync(factory, Roles.Reviewer);

        var list = await reviewer.GetPageAsync("/admin/people");

        Assert.DoesNotContain(list.QuerySelectorAll("main a"), a => a.TextContent == "Add a profile");
        var edit = await reviewer.Client.GetAsync($"/admin/people/{id}");
        Assert.Equal("/admin/access-denied", edit.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_unknown_person_is_not_found()
    {
        await ReaderPageAsync("/people/nobody-of-that-name", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_profile_lists_what_readers_can_see_of_what_the_person_wrote_and_reviewed_and_never_a_draft()
    {
        var name = Unique("Dr. Pat Writer");
        var accountName = Unique("Pat Account");
        var slug = await CreateProfileAsync(name, "MD", "Author and medical reviewer", await CreateAccountAsync(accountName));
        var written = await CreateArticleAsync(Unique("Written piece"), ArticleStatus.Published, name);
        var reviewed = await CreateArticleAsync(Unique("Reviewed piece"), ArticleStatus.Published, "Someone Else", reviewer: accountName);
        var draft = await CreateArticleAsync(Unique("Secret draft"), ArticleStatus.Draft, name, reviewer: accountName);
        var scheduled = await CreateArticleAsync(Unique("Scheduled piece"), ArticleStatus.Published, name, publishedAt: DateTime.UtcNow.AddDays(3));

        var profile = await ReaderPageAsync($"/people/{slug}");

        string[] Listed(string heading) => profile.QuerySelector($"section[aria-labelledby='{heading}']")!
            .QuerySelectorAll(".article-list a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal([$"/articles/{written}"], Listed("written-heading"));
        Assert.Equal([$"/articles/{reviewed}"], Listed("reviewed-heading"));
        Assert.DoesNotContain(draft, profile.DocumentElement.OuterHtml);
        Assert.DoesNotContain(scheduled, profile.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task The_article_header_links_the_author_and_the_reviewer_to_their_profiles()
    {
        var author = Unique("Dr. Kim Author");
        var reviewerAccount = Unique("Dr. Ash Reviewer");
        var authorSlug = await CreateProfileAsync(author, "PhD", "Author");
        var reviewerSlug = await CreateProfileAsync(Unique("Ash Reviewer"), "MD", "Medical reviewer", await CreateAccountAsync(reviewerAccount));
        var article = await CreateArticleAsync(Unique("Linked header"), ArticleStatus.Published, author, reviewer: reviewerAccount);

        var page = await ReaderPageAsync($"/articles/{article}");

        var byline = page.QuerySelector(".article-header .byline")!;
        Assert.Equal($"/people/{authorSlug}", byline.QuerySelector(".author a")!.GetAttribute("href"));
        Assert.Equal($"/people/{reviewerSlug}", byline.QuerySelector(".reviewer a")!.GetAttribute("href"));
        Assert.Contains($"Medically reviewed by {reviewerAccount}, MD — 15 January 2026", Squeeze(byline.TextContent));
        Assert.StartsWith($"Written by {author}, PhD ·", Squeeze(byline.TextContent));
    }

    [Fact]
    public async Task Without_profiles_the_header_names_the_people_as_text_and_says_when_there_is_no_review()
    {
        var page = await ReaderPageAsync("/articles/gut-immune-system-connection");

        var byline = page.QuerySelector(".article-header .byline")!;
        Assert.Null(byline.QuerySelector("a"));
        Assert.Equal("Dr. Group, DC, Founder", byline.QuerySelector(".author")!.TextContent);
        Assert.Contains("Not yet medically reviewed", byline.TextContent);
    }

    [Fact]
    public async Task JsonLd_gives_the_author_and_the_reviewer_as_Person_with_the_profile_address()
    {
        var author = Unique("Dr. Lou Structured");
        var reviewer = Unique("Dr. Max Plain");
        var authorSlug = await CreateProfileAsync(author, "MD", "Author");
        var article = await CreateArticleAsync(Unique("Structured piece"), ArticleStatus.Published, author, reviewer: reviewer);

        var page = await ReaderPageAsync($"/articles/{article}");

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var authorNode = json.RootElement.GetProperty("author");
        Assert.Equal("Person", authorNode.GetProperty("@type").GetString());
        Assert.Equal(author, authorNode.GetProperty("name").GetString());
        Assert.Equal($"http://localhost/people/{authorSlug}", authorNode.GetProperty("url").GetString());
        var reviewerNode = json.RootElement.GetProperty("reviewedBy");
        Assert.Equal("Person", reviewerNode.GetProperty("@type").GetString());
        Assert.Equal(reviewer, reviewerNode.GetProperty("name").GetString());
        Assert.False(reviewerNode.TryGetProperty("url", out _));
    }

    [Fact]
    public async Task The_content_API_gives_the_author_the_profile_address_the_JsonLd_gives_and_none_to_a_person_without_a_profile()
    {
        var author = Unique("Dr. Noa Syndicated");
        var reviewer = Unique("Dr. Eli Unlisted");
        var authorSlug = await CreateProfileAsync(author, "MD", "Author");
        var article = await CreateArticleAsync(Unique("Syndicated piece"), ArticleStatus.Published, author, reviewer: reviewer);
        var page = await ReaderPageAsync($"/articles/{article}");
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);

        var response = await factory.CreateClient().GetAsync($"/api/v1/articles/{article}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var api = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var authorUrl = api.RootElement.GetProperty("author").GetProperty("url").GetString();
        Assert.Equal($"http://localhost/people/{authorSlug}", authorUrl);
        Assert.Equal(jsonLd.RootElement.GetProperty("author").GetProperty("url").GetString(), authorUrl);
        var reviewerNode = api.RootElement.GetProperty("reviewedBy");
        Assert.Equal(reviewer, reviewerNode.GetProperty("name").GetString());
        Assert.False(reviewerNode.TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Saving_a_profile_updates_an_article_header_already_in_the_cache()
    {
        var author = Unique("Dr. Cy Cached");
        var article = await CreateArticleAsync(Unique("Cached header"), ArticleStatus.Published, author);
        var before = await ReaderPageAsync($"/articles/{article}");
        Assert.Null(before.QuerySelector(".byline .author a"));

        var slug = await CreateProfileAsync(author, "MD", "Author");

        var after = await ReaderPageAsync($"/articles/{article}");
        Assert.Equal($"/people/{slug}", after.QuerySelector(".byline .author a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_account_reviewers_sign_off_shows_their_profile_credentials_named_once_in_the_header_and_on_section_pages_with_the_disclaimer()
    {
        var displayName = Unique("Dr. Lee Signer");
        var (email, password) = ($"{Guid.NewGuid():N}@example.org", PasswordGenerator.Generate());
        using (var scope = factory.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, displayName, password, [Roles.Reviewer])).Succeeded);
        var accountId = await factory.WithServiceAsync<GutImmuneDbContext, string>(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var profileSlug = await CreateProfileAsync(Unique("Lee Signer"), "MD, gastroenterologist", "Medical reviewer", accountId);
        var reviewer = new StaffSession(factory.CreateBrowserClient(), factory);
        await StaffSession.AssertRedirectedAsync(await reviewer.SignInAsync(email, password));

        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var title = Unique("Signed by an account");
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = title, ["Slug"] = Slug.From(title), ["Summary"] = "An article signed off by an account.", ["AuthorName"] = "Test Author",
            ["Disclaimer"] = "Education only, not medical advice.",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Synthetic body text." }));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
        await reviewer.FollowAsync(await reviewer.SubmitAsync(adminUrl, "form[action$='/review']", []));
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, "form.publish-form", [], "button[value=publish]"));

        var article = await ReaderPageAsync($"/articles/{Slug.From(title)}");
        var byline = article.QuerySelector(".article-header .byline")!;
        Assert.Matches($@"^Written by Test Author · Medically reviewed by {System.Text.RegularExpressions.Regex.Escape(displayName)}, MD, gastroenterologist — \d+ \w+ \d{{4}}",
            Squeeze(byline.TextContent));
        Assert.Equal($"/people/{profileSlug}", byline.QuerySelector(".reviewer a")!.GetAttribute("href"));
        var header = article.QuerySelector(".article-header")!.TextContent;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(header, System.Text.RegularExpressions.Regex.Escape(displayName)));

        var section = await ReaderPageAsync(article.QuerySelector(".section-link a")!.GetAttribute("href")!);
        Assert.Equal(Squeeze(byline.TextContent).Split(" · ").Take(2), Squeeze(section.QuerySelector(".article-header .byline")!.TextContent).Split(" · "));
        Assert.Equal($"/people/{profileSlug}", section.QuerySelector(".article-header .byline .reviewer a")!.GetAttribute("href"));
        Assert.Contains("Education only, not medical advice.", section.QuerySelector(".disclaimer")!.TextContent);
    }

    private static string Squeeze(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

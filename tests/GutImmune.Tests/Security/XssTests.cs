using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Security;

/// <summary>
/// The XSS corpus (xss-payloads.json) goes into every field through an article file, and renders inert on every
/// reader and admin page that shows it. Markdown payloads sit each alone in a section's text, a fact and a cause's
/// description, and all together in the disclaimer.
/// </summary>
public class XssThroughImportTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private readonly XssCorpus _corpus = XssCorpus.Load();

    [Fact]
    public void Corpus_has_at_least_fifty_markdown_payloads()
    {
        Assert.True(_corpus.Markdown.Count >= 50, $"{_corpus.Markdown.Count} payloads");
        Assert.Equal(_corpus.Markdown.Count, _corpus.Markdown.Distinct().Count());
    }

    [Fact]
    public async Task Imported_payloads_in_every_field_render_inert_on_every_reader_and_admin_page()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var imported = await admin.ImportAsync("xss.json", _corpus.ArticleFile("xss-import"));
        await StaffSession.AssertRedirectedAsync(imported);
        await admin.ReviewAndPublishAsync(imported.Headers.Location!.OriginalString);

        await new XssArticlePages(factory, admin, _corpus).AssertAllInertAsync("xss-import");
    }

    [Fact]
    public async Task Problems_that_quote_a_rejected_file_are_shown_inert()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);
        var file = JsonNode.Parse(_corpus.ArticleFile("xss-rejected"))!;
        file["sections"]![0]!["slug"] = "<script>window.__xss=1</script>";
        file["sections"]![1]!["body"] = "[42]<img src=x onerror=window.__xss=1>";

        var response = await admin.ImportAsync("<img src=x onerror=window.__xss=1>.json", file.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        InertHtml.Assert(html, "the import page listing the file's problems");
        Assert.Contains("<script>window.__xss=1</script>", (await StaffSession.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent);
    }
}

/// <summary>
/// The XSS corpus typed into the admin's forms, one payload per save, exactly as an editor's browser posts them; the
/// previews shown before saving are checked too.
/// </summary>
public class XssThroughAdminTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private readonly XssCorpus _corpus = XssCorpus.Load();

    /// <summary>An admin whose own display name is a payload (it shows in revisions, the dashboard and the audit log).</summary>
    private async Task<StaffSession> SignInWithHostileNameAsync()
    {
        var email = $"xss-{Guid.NewGuid():N}@example.org";
        var password = PasswordGenerator.Generate();
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, _corpus.Plain(10), password, [Roles.Admin]);
            Assert.True(created.Succeeded);
        }
        var session = new StaffSession(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, password)).StatusCode);
        return session;
    }

    private async Task<string> CreateArticleAsync(StaffSession admin, string slug, string disclaimer)
    {
        var created = await admin.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = _corpus.Plain(0),
            ["Slug"] = slug,
            ["Summary"] = _corpus.Plain(1),
            ["AuthorName"] = _corpus.Plain(2),
            ["AuthorCredentials"] = _corpus.Plain(3),
            ["Topics"] = string.Join(", ", _corpus.TopicNames),
            ["HeroImageUrl"] = XssCorpus.HeroImageUrl,
            ["HeroImageAlt"] = _corpus.Plain(4),
            ["HeroImageCaption"] = _corpus.Plain(5),
            ["Disclaimer"] = disclaimer,
        });
        await admin.FollowAsync(created);
        return created.Headers.Location!.OriginalString;
    }

    /// <summary>References 1 to 3 (journal article, book, web page), with payloads in their text fields.</summary>
    private async Task AddReferencesAsync(StaffSession admin, string articleUrl)
    {
        foreach (var (number, kind) in new[] { (1, "JournalArticle"), (2, "Book"), (3, "WebPage") })
        {
            await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(articleUrl + "/citations/new", "main form", new()
            {
                ["Number"] = number.ToString(), ["Kind"] = kind, ["AuthorNames"] = _corpus.Plain(number), ["Title"] = _corpus.Plain(number + 1),
                ["Source"] = _corpus.Plain(number + 2), ["Year"] = "2020", ["DateDetail"] = "<b>Jun</b>", ["Volume"] = "<i>1</i>",
                ["Issue"] = "\"><x>", ["Pages"] = "<script>", ["Doi"] = XssCorpus.Doi, ["Pmid"] = "123", ["Url"] = XssCorpus.CitationUrl,
                ["AccessedOn"] = "2026-01-01",
            }));
        }
    }

    private Task<int> SectionIdAsync(string articleSlug, string sectionSlug) =>
        factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Sections
            .Where(s => s.Slug == sectionSlug && db.Articles.Any(a => a.Id == s.ArticleId && a.Slug == articleSlug))
            .Select(s => s.Id).SingleAsync());

    private static Task PublishAsync(StaffSession admin, string articleUrl) => admin.ReviewAndPublishAsync(articleUrl);

    /// <summary>The live preview admin.js asks for as an editor types.</summary>
    private static async Task<string> LivePreviewAsync(StaffSession admin, IHtmlDocument page, string markdown)
    {
        var form = page.QuerySelector("form[data-preview-url]")!;
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("data-preview-url"))
        {
            Content = new FormUrlEncodedContent([new("markdown", markdown)]),
        };
        request.Headers.Add("RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        var response = await admin.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Payloads_saved_through_every_form_render_inert_on_every_reader_and_admin_page()
    {
        var admin = await SignInWithHostileNameAsync();
        var articleUrl = await CreateArticleAsync(admin, "xss-admin", _corpus.Markdown[0]);
        await AddReferencesAsync(admin, articleUrl);
        await admin.FollowAsync(await admin.SubmitAsync(articleUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Causes", ["Slug"] = XssCorpus.CausesSlug, ["Kind"] = "CauseList", ["Body"] = "" }));
        var causesId = await SectionIdAsync("xss-admin", XssCorpus.CausesSlug);

        for (var i = 0; i < _corpus.Markdown.Count; i++)
        {
            var payload = _corpus.Markdown[i];
            var sectionFields = new Dictionary<string, string>
            {
                ["Heading"] = _corpus.Plain(i), ["Slug"] = XssCorpus.SectionSlug(i), ["Kind"] = "FactList", ["Body"] = payload,
            };
            var newSection = await admin.GetPageAsync(articleUrl + "/sections/new");
            var preview = await admin.SubmitAsync(newSection, "main form", sectionFields, button: "button[name=intent]");
            InertHtml.Assert(await preview.Content.ReadAsStringAsync(), $"'Preview without saving' of payload {i + 1}");
            InertHtml.Assert(await LivePreviewAsync(admin, newSection, payload), $"the live preview of payload {i + 1}");
            await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(newSection, "main form", sectionFields));

            var sectionId = await SectionIdAsync("xss-admin", XssCorpus.SectionSlug(i));
            await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync($"{articleUrl}/facts/new?sectionId={sectionId}", "main form",
                new() { ["Text"] = payload }));
            await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync($"{articleUrl}/causes/new?sectionId={causesId}", "main form",
                new() { ["Title"] = _corpus.CauseTitle(i), ["Description"] = payload }));
        }
        await PublishAsync(admin, articleUrl);
        await admin.FollowAsync(await admin.SubmitAsync(articleUrl, "form[action$='/review']", new() { ["ReviewerName"] = _corpus.Plain(6) }));
        await admin.ReviewAndPublishAsync(articleUrl);

        await new XssArticlePages(factory, admin, _corpus).AssertAllInertAsync("xss-admin");
    }

    [Fact]
    public async Task Each_payload_saved_as_the_disclaimer_renders_inert()
    {
        var admin = await SignInWithHostileNameAsync();
        var articleUrl = await CreateArticleAsync(admin, "xss-disclaimer", "Not medical advice.");
        await AddReferencesAsync(admin, articleUrl);
        await admin.FollowAsync(await admin.SubmitAsync(articleUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Text", ["Slug"] = "text", ["Kind"] = "Prose", ["Body"] = "Plain text." }));
        await PublishAsync(admin, articleUrl);
        var pages = new XssArticlePages(factory, admin, _corpus);
        var reader = factory.CreateClient();

        foreach (var payload in _corpus.Markdown)
        {
            await StaffSession.AssertRedirectedAsync(await admin.SubmitAsync(articleUrl, $"form[action='{articleUrl}']", new() { ["Disclaimer"] = payload }));
            if ((await admin.GetPageAsync(articleUrl)).QuerySelector("#changes-heading") is not null) // a payload may save as the one before
                await admin.ReviewAndPublishAsync(articleUrl);

            var html = await pages.GetInertAsync(reader, "/articles/xss-disclaimer");
            Assert.Contains("<aside class=\"disclaimer\"", html);
            await pages.GetInertAsync(admin.Client, articleUrl);
        }
        var revisions = await admin.GetPageAsync(articleUrl + "/revisions");
        Assert.True(revisions.QuerySelectorAll("tbody tr").Length > _corpus.Markdown.Count, "some disclaimer saves made no revision");
    }
}

/// <summary>The checker behind the XSS tests finds what it is meant to find.</summary>
public class InertHtmlTests
{
    [Theory]
    [InlineData("<script>window.__xss=1</script>")]
    [InlineData("<script src=\"//evil.example/x.js\"></script>")]
    [InlineData("<script type=\"application/ld+json\">{\"name\": \"</script><script>x</script>")]
    [InlineData("<img src=x onerror=\"x\">")]
    [InlineData("<p OnMouseOver=\"x\">p</p>")]
    [InlineData("<a href=\" java&#x09;script:x\">a</a>")]
    [InlineData("<a href=\"VBScript:x\">a</a>")]
    [InlineData("<img src=\"data:image/svg+xml,x\">")]
    [InlineData("<img srcset=\"/a.png 1x, javascript:x 2x\">")]
    [InlineData("<form action=\"javascript:x\"></form>")]
    [InlineData("<iframe srcdoc=\"x\"></iframe>")]
    [InlineData("<svg><a href=\"/\">a</a></svg>")]
    [InlineData("<div style=\"background:url(x)\">d</div>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=/\">")]
    public void Flags_markup_that_could_run_script(string html) =>
        Assert.NotEmpty(InertHtml.Problems($"<!DOCTYPE html><html><head></head><body>{html}</body></html>"));

    [Fact]
    public void Accepts_the_sites_own_scripts_and_escaped_text()
    {
        const string html = """
            <!DOCTYPE html><html><head>
            <script type="application/ld+json">{"name":"\u003Cscript\u003E"}</script>
            <script src="/js/admin.js?v=abc" defer></script>
            </head><body><p>&lt;script&gt;window.__xss=1&lt;/script&gt;</p><a href="https://example.org/?q=javascript:x">a</a></body></html>
            """;

        Assert.Empty(InertHtml.Problems(html));
    }
}

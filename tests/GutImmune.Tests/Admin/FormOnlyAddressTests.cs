using System.Net;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using static GutImmune.Tests.Admin.StaffSession;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A visit (a followed link, a reload) to an address that only takes a form gets a page that says so and leads to where
/// the form is; the status stays 405 with its Allow header.
/// </summary>
public class FormOnlyAddressTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string Heading = "This address takes a form, not a visit";

    [Fact]
    public async Task Visiting_an_articles_form_address_answers_405_with_a_link_to_the_articles_editor()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync(factory);
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");

        foreach (var url in new[] { sectionUrl + "/move", adminUrl + "/status" })
        {
            var page = await WrongMethodPageAsync(editor.Client, url);
            Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == adminUrl && a.TextContent == "Back to the article’s editor");
        }
    }

    [Fact]
    public async Task Visiting_a_form_address_of_no_article_answers_405_with_a_link_to_the_dashboard()
    {
        var (editor, _) = await EditorWithSeedArticleAsync(factory);

        var page = await WrongMethodPageAsync(editor.Client, "/admin/sign-out");

        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/admin" && a.TextContent == "Back to the dashboard");
    }

    [Fact]
    public async Task Visiting_an_admin_form_address_signed_out_leads_to_sign_in_and_then_to_the_form()
    {
        var (editor, adminUrl) = await EditorWithSeedArticleAsync(factory);
        var sectionUrl = LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");

        var response = await factory.CreateBrowserClient().GetAsync(sectionUrl + "/move");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/sign-in?ReturnUrl=" + Uri.EscapeDataString(adminUrl), response.Headers.Location!.PathAndQuery);
    }

    /// <summary>
    /// A HEAD (a monitor's, a link checker's) to the sign-in page answers 405 there: challenged like other admin addresses,
    /// it was sent to the sign-in page again and again.
    /// </summary>
    [Fact]
    public async Task A_HEAD_request_signed_out_ends_at_the_sign_in_page_instead_of_being_sent_round_to_it()
    {
        var client = factory.CreateBrowserClient();

        var dashboard = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        var signIn = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, dashboard.Headers.Location!.PathAndQuery));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, signIn.StatusCode);
        Assert.Null(signIn.Headers.Location);
        Assert.Contains("GET", signIn.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_form_sent_to_a_reader_page_answers_405_with_a_link_to_the_page_and_no_admin_link()
    {
        const string url = "/articles/gut-immune-system-connection";
        var response = await factory.CreateClient().PostAsync(url, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        var page = await ParseAsync(response);
        Assert.Equal("This address is a page, not a form", page.QuerySelector("main h1")?.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == url);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("/admin"));
    }

    private static async Task<IHtmlDocument> WrongMethodPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var page = await ParseAsync(response);
        Assert.Equal(Heading, page.QuerySelector("main h1")?.TextContent);
        return page;
    }
}

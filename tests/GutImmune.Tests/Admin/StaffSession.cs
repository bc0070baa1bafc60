using AngleSharp.Dom;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A signed-in member of staff driving the admin over HTTP as a browser would: pages are fetched, forms are filled
/// from what the page contains (antiforgery token, version) and submitted.
/// </summary>
public sealed class StaffSession(HttpClient client, GutImmuneFactory? site = null)
{
    public HttpClient Client { get; } = client;

    public static async Task<(string Email, string Password)> CreateAccountAsync(GutImmuneFactory factory, params string[] roles)
    {
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var password = PasswordGenerator.Generate();
        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, "Test " + string.Join(" ", roles), password, roles);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return (email, password);
    }

    /// <summary>An Editor signed in, and the admin address of the seed article.</summary>
    public static async Task<(StaffSession Editor, string AdminUrl)> EditorWithSeedArticleAsync(GutImmuneFactory factory)
    {
        var editor = await SignInAsync(factory, Roles.Editor);
        var list = await editor.GetPageAsync("/admin/articles");
        return (editor, list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!);
    }

    /// <summary>The address of the first link whose text contains <paramref name="text"/>.</summary>
    public static string LinkTo(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("a").First(a => a.TextContent.Contains(text)).GetAttribute("href")!;

    public static async Task<StaffSession> SignInAsync(GutImmuneFactory factory, params string[] roles)
    {
        var (email, password) = await CreateAccountAsync(factory, roles);
        var session = new StaffSession(factory.CreateBrowserClient(), factory);
        var response = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/admin/sign-in", "form[action='/admin/sign-in']", new() { ["Email"] = email, ["Password"] = password });

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    /// <summary>Parses an admin page, failing on a field whose problem a screen reader would not hear (see <see cref="AssertFieldsAreDescribed"/>).</summary>
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        AssertFieldsAreDescribed(page);
        return page;
    }

    /// <summary>
    /// Every aria-describedby names elements on the page, and every field marked aria-invalid is described by its error
    /// message, so a screen reader reads the problem when the field gets focus; every link of the error summary goes to
    /// an element of the page, so following it reaches the field. Checked on every page the admin tests parse.
    /// </summary>
    public static void AssertFieldsAreDescribed(IHtmlDocument page)
    {
        foreach (var link in page.QuerySelectorAll(".error-summary a[href^='#']"))
            Assert.True(page.GetElementById(link.GetAttribute("href")![1..]) is not null,
                $"The error summary's link “{link.TextContent}” goes to {link.GetAttribute("href")}, which the page does not have");
        foreach (var element in page.QuerySelectorAll("[aria-describedby]"))
        {
            var missing = element.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(id => page.GetElementById(id) is null).ToList();
            Assert.True(missing.Count == 0, $"{element.OuterHtml[..Math.Min(200, element.OuterHtml.Length)]} is described by {string.Join(", ", missing)}, which the page does not have");
        }
        foreach (var field in page.QuerySelectorAll("[aria-invalid=true]"))
        {
            var descriptions = (field.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(page.GetElementById).OfType<IElement>();
            Assert.True(descriptions.Any(d => d.ClassList.Contains("field-error") && d.TextContent.Trim().Length > 0),
                $"The invalid field {field.GetAttribute("name")} is not described by its error message");
        }
    }

    /// <summary>Fills the form matching <paramref name="formSelector"/> on <paramref name="pageUrl"/> with its own values plus <paramref name="fields"/>, and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string formSelector, Dictionary<string, string> fields, string? button = null)
    {
        var page = await GetPageAsync(pageUrl);
        return await SubmitAsync(page, formSelector, fields, button);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string> fields, string? button = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked && !fields.ContainsKey(input.Name!))
                        values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is not ("submit" or "file") && !string.IsNullOrEmpty(input.Name) && !fields.ContainsKey(input.Name):
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        if (button is not null)
        {
            var pressed = form.QuerySelector<IHtmlButtonElement>(button) ?? throw new InvalidOperationException($"No button {button}");
            values.Add(new(pressed.Name!, pressed.Value));
        }
        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("Form without action");
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in values)
                multipart.Add(new StringContent(value), name);
            return await Client.PostAsync(action, multipart);
        }
        return await Client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Takes the article at <paramref name="adminUrl"/> to publication the way the workflow requires: submitted for
    /// review (unless it is already in review or approved), its review signed off, then published (at
    /// <paramref name="publishAt"/>, UTC, or now). For an article readers see, this publishes the changes saved to its
    /// working copy (signed off first): readers see a save only once it is published. A session without the Reviewer
    /// role has a Reviewer of the same site sign the review off. Returns the edit page it leads to.
    /// </summary>
    public async Task<IHtmlDocument> ReviewAndPublishAsync(string adminUrl, DateTime? publishAt = null)
    {
        var page = await GetPageAsync(adminUrl);
        if (page.QuerySelector("button[name=Step][value=submit]") is not null)
            page = await FollowAsync(await SubmitAsync(page, "form:has(button[value=submit])", [], "button[value=submit]"));
        if (page.QuerySelector("form[action$='/review']") is not null)
            page = await FollowAsync(await SubmitAsync(page, "form[action$='/review']", []));
        else if (page.QuerySelector("#review-heading") is null && site is not null)
        {
            var reviewer = await SignInAsync(site, Roles.Reviewer);
            var reviewPage = await reviewer.GetPageAsync(adminUrl);
            if (reviewPage.QuerySelector("form[action$='/review']") is not null)
                await reviewer.FollowAsync(await reviewer.SubmitAsync(reviewPage, "form[action$='/review']", []));
            page = await GetPageAsync(adminUrl);
        }
        // A sign-off of exactly what readers see reaches them at once: then there is nothing left to publish.
        if (page.QuerySelector("form.publish-form") is null && page.QuerySelector(".status")?.TextContent == "Published")
            return page;
        Dictionary<string, string> fields = publishAt is { } at ? new() { ["PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm") } : [];
        // Changes to an article readers see are published with a public note of what changed.
        if (page.QuerySelector("form.publish-form input[name=ChangeNote]") is not null)
            fields["ChangeNote"] = "Updated in a test";
        return await FollowAsync(await SubmitAsync(page, "form.publish-form", fields, "button[value=publish]"));
    }

    /// <summary>Uploads an article file through the import form, with the form's antiforgery token.</summary>
    public async Task<HttpResponseMessage> ImportAsync(string fileName, string content)
    {
        var page = await GetPageAsync("/admin/articles/import");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", fileName);
        return await Client.PostAsync("/admin/articles/import", form);
    }

    /// <summary>Follows a redirect after a successful form post and returns the page it leads to.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        await AssertRedirectedAsync(response);
        return await GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>Asserts that a form post succeeded (it redirects), showing the page's problems when it did not.</summary>
    public static async Task AssertRedirectedAsync(HttpResponseMessage response) =>
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"expected a redirect, got {(int)response.StatusCode}: {Summary(await ParseAsync(response))}");

    private static string Summary(IHtmlDocument page) =>
        page.QuerySelector(".error-summary")?.TextContent.Trim() ?? page.QuerySelector("h1")?.TextContent ?? "";
}

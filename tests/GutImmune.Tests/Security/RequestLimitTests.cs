using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Controllers;
using GutImmune.Web.Data;
using GutImmune.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Security;

/// <summary>
/// Body size limits are the server's (Kestrel's) and MVC's, enforced while a body is read, so they are checked against
/// the site on a real port, where the body is read: each limit answers 413 one byte over it, and lets a body under it
/// through to the action.
/// </summary>
public class RequestLimitTests : IClassFixture<RequestLimitTests.KestrelSite>
{
    /// <summary>Where the test site reads a whole body outside MVC, so that only the server's own limit applies.</summary>
    private const string BodyReaderPath = "/test-only/read-body";

    public sealed class KestrelSite : GutImmuneFactory
    {
        public KestrelSite()
        {
            UseKestrel(0);
            // Plain HTTP on loopback: the cookies must not require HTTPS here.
            Settings["Security:CookiesRequireHttps"] = "false";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, BodyReader>());
        }

        public HttpClient CreateHttpClient()
        {
            StartServer();
            return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = ClientOptions.BaseAddress };
        }
    }

    /// <summary>
    /// Every MVC action has a limit of its own (512 KB, or its attribute's); the server's limit guards whatever reads
    /// a body without one. This endpoint is such a reader: it reads the body to the end and says how long it was.
    /// </summary>
    private sealed class BodyReader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(BodyReaderPath, reader => reader.Run(async context =>
            {
                var length = 0L;
                var buffer = new byte[81920];
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
                    length += read;
                await context.Response.WriteAsync(length.ToString());
            }));
            next(app);
        };
    }

    private readonly KestrelSite _site;

    public RequestLimitTests(KestrelSite site) => _site = site;

    private static ByteArrayContent Body(long length) => new(new byte[length]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

    [Fact]
    public async Task A_body_one_byte_over_the_servers_limit_is_refused_with_413_and_one_at_the_limit_is_read()
    {
        var client = _site.CreateHttpClient();

        var over = await client.PostAsync(BodyReaderPath, Body(SecurityServiceCollectionExtensions.MaxRequestBodyBytes + 1));
        var at = await client.PostAsync(BodyReaderPath, Body(SecurityServiceCollectionExtensions.MaxRequestBodyBytes));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
        Assert.Equal(SecurityServiceCollectionExtensions.MaxRequestBodyBytes.ToString(), await at.Content.ReadAsStringAsync());
    }

    private async Task<StaffSession> SignInAsync(string role)
    {
        var (email, password) = await StaffSession.CreateAccountAsync(_site, role);
        var session = new StaffSession(_site.CreateHttpClient());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(email, password)).StatusCode);
        return session;
    }

    private Task<bool> ArticleExistsAsync(string title) =>
        _site.WithServiceAsync<GutImmuneDbContext, bool>(db => db.Articles.AnyAsync(a => a.Title == title));

    [Fact]
    public async Task An_admin_form_over_512_KB_is_refused_with_413_and_saves_nothing()
    {
        var editor = await SignInAsync(Roles.Editor);
        var page = await editor.GetPageAsync("/admin/articles/new");

        var response = await editor.SubmitAsync(page, "main form",
            new() { ["Title"] = "Too big", ["Summary"] = new string('x', SecurityServiceCollectionExtensions.MaxRequestBodyBytes), ["AuthorName"] = "x" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the site accepts", await response.Content.ReadAsStringAsync());
        Assert.False(await ArticleExistsAsync("Too big"));
    }

    [Fact]
    public async Task A_script_endpoint_answers_a_body_over_its_limit_with_413_in_JSON()
    {
        var editor = await SignInAsync(Roles.Editor);
        var page = await editor.GetPageAsync("/admin/articles/new");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var articleId = await _site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.MinAsync(a => a.Id));

        foreach (var (path, field, limit) in new[] { ("/admin/markdown/from-html", "html", 4 * 1024 * 1024), ($"/admin/articles/{articleId}/markdown-preview", "markdown", 256 * 1024) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new(field, new string('a', limit))]) };
            request.Headers.Add("RequestVerificationToken", token);
            // The answer comes before the body is read, and the server then closes the connection rather than read a body
            // over the limit: waiting for "100 Continue" keeps the client from still sending when it does.
            request.Headers.ExpectContinue = true;
            var response = await editor.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(CalledFromScriptAttribute.TooLarge,
                System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task An_admin_form_under_512_KB_reaches_the_action_and_gets_its_field_message()
    {
        var editor = await SignInAsync(Roles.Editor);
        var page = await editor.GetPageAsync("/admin/articles/new");

        var response = await editor.SubmitAsync(page, "main form",
            new() { ["Title"] = "Long summary", ["Summary"] = new string('x', SecurityServiceCollectionExtensions.MaxRequestBodyBytes - 4096), ["AuthorName"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The summary can be at most", await response.Content.ReadAsStringAsync());
        Assert.False(await ArticleExistsAsync("Long summary"));
    }

    [Fact]
    public async Task An_import_over_its_limit_gets_the_import_form_again_with_its_size_on_the_file_field_and_saves_nothing()
    {
        var editor = await SignInAsync(Roles.Editor);
        var file = $$"""{ "slug": "too-big-to-import", "title": "Too big to import", "summary": "{{new string('x', 5 * 1024 * 1024)}}" }""";

        var response = await editor.ImportAsync("big.json", file);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Matches(@"^The file is 5(\.\d+)? MB \([\d,]+ bytes\); the limit is 1 MB \(1,048,576 bytes\)\.$",
            page.QuerySelector(".field:has(#file) .field-error")?.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("input[type=file][name=file]")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]"));
        Assert.False(await ArticleExistsAsync("Too big to import"));
    }

    [Fact]
    public async Task An_import_just_over_1_MB_within_the_request_limit_gets_its_size_on_the_file_field()
    {
        var editor = await SignInAsync(Roles.Editor);
        var file = $$"""{ "slug": "just-too-big", "title": "Just too big", "summary": "{{new string('x', TransferController.MaxFileBytes)}}" }""";

        var response = await editor.ImportAsync("big.json", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal($"The file is 1 MB ({Encoding.UTF8.GetByteCount(file):N0} bytes); the limit is 1 MB (1,048,576 bytes).",
            page.QuerySelector(".field:has(#file) .field-error")?.TextContent.Trim());
        Assert.False(await ArticleExistsAsync("Just too big"));
    }

    [Fact]
    public async Task A_media_upload_over_20_MB_gets_the_upload_form_again_with_its_size_on_the_file_field()
    {
        var editor = await SignInAsync(Roles.Editor);
        var before = await _site.WithServiceAsync<GutImmuneDbContext, int>(db => db.MediaImages.CountAsync());

        var response = await GutImmune.Tests.Media.MediaLibraryTests.UploadAsync(editor, "huge.jpg", new byte[25 * 1024 * 1024], "A very large photo");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("The file is 25 MB; the limit is 20 MB.", page.QuerySelector(".field:has(#File) .field-error")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form[enctype='multipart/form-data'] input[type=file][name=File]"));
        Assert.Equal(before, await _site.WithServiceAsync<GutImmuneDbContext, int>(db => db.MediaImages.CountAsync()));
    }
}

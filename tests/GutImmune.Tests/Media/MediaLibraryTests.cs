using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Media;

/// <summary>The media library over HTTP on the real site: uploads checked and cleaned, renditions, use and deletion.</summary>
public class MediaLibraryTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "truncated JPEG", "photo.jpg", "The JPEG image is damaged or incomplete" },
        { "truncated PNG", "photo.png", "The PNG image is damaged or incomplete" },
        { "JPEG signature over garbage", "photo.jpg", "its header cannot be read" },
        { "EXE named .png", "picture.png", "not a JPEG, PNG, WebP or AVIF image" },
        { "HTML with a PNG at its end", "polyglot.png", "not a JPEG, PNG, WebP or AVIF image" },
        { "pixel bomb (100,000 × 100,000 in its header)", "bomb.png", "the limit is 40 megapixels" },
        { "SVG with script", "drawing.svg", "SVG included" },
        { "empty file", "empty.jpg", "“empty.jpg” is empty (0 bytes)" },
    };

    private static byte[] Bad(string kind) => kind switch
    {
        "truncated JPEG" => TestImages.Truncated(TestImages.Jpeg(800, 600)),
        "truncated PNG" => TestImages.Truncated(TestImages.Png(800, 600)),
        "JPEG signature over garbage" => [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[4096]],
        "EXE named .png" => TestImages.Executable,
        "HTML with a PNG at its end" => TestImages.HtmlThenPng(),
        "pixel bomb (100,000 × 100,000 in its header)" => TestImages.PixelBombPng(),
        "SVG with script" => TestImages.SvgWithScript,
        _ => [],
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Upload_refuses_a_bad_file_with_a_message_on_the_file_field(string kind, string fileName, string message)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var before = await CountImagesAsync();

        var response = await UploadAsync(editor, fileName, Bad(kind), "Alt text");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var error = page.QuerySelector(".field:has(#File) .field-error")?.TextContent ?? "(no field error)";
        Assert.Contains(message, error);
        // libvips' own words (its decoder names and internals) are for the log, not for editors.
        foreach (var internals in new[] { "vips", "load_buffer", "libjpeg", "libspng", "png2vips", "Premature end" })
            Assert.DoesNotContain(internals, error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountImagesAsync());
    }

    [Fact]
    public async Task Upload_reads_the_type_from_the_content_so_a_PNG_named_jpg_is_taken_as_a_PNG()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var id = await UploadOkAsync(editor, "really-a-png.jpg", TestImages.Png(500, 300), "A gradient");

        Assert.Equal("Png", await factory.WithServiceAsync<GutImmuneDbContext, string>(async db =>
            (await db.MediaImages.SingleAsync(m => m.Id == id)).Format.ToString()));
    }

    [Fact]
    public async Task A_polyglot_PNG_keeps_only_its_pixels_and_a_huge_EXIF_block_is_dropped()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        await UploadOkAsync(editor, "polyglot.png", TestImages.PngThenHtml(), "Polyglot");
        await UploadOkAsync(editor, "huge-exif.jpg", TestImages.JpegWithHugeExif(), "Huge EXIF");

        foreach (var file in Directory.EnumerateFiles(factory.MediaFolder, "*", SearchOption.AllDirectories))
        {
            var content = await File.ReadAllBytesAsync(file);
            Assert.False(TestImages.Contains(content, "<script"u8), $"{file} still carries the script");
            Assert.False(TestImages.HasExifOrGps(content), $"{file} still carries EXIF");
            Assert.True(content.Length < 1024 * 1024, $"{file} is {content.Length} bytes: the metadata was kept");
        }
    }

    [Fact]
    public async Task EXIF_and_GPS_are_gone_from_the_original_and_every_rendition()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        // Not the hero test's 1200 × 800: the same file twice would be one library image.
        var upload = TestImages.JpegWithGps(1200, 780);
        Assert.True(TestImages.HasExifOrGps(upload), "the test photo must carry GPS data to begin with");

        var id = await UploadOkAsync(editor, "holiday.jpg", upload, "A gradient from red to green");

        var fingerprint = await FingerprintAsync(id);
        var files = Directory.GetFiles(Path.Combine(factory.MediaFolder, fingerprint));
        // The original and 4 widths (320, 640, 960 and the image's own 1200) in AVIF, WebP and JPEG.
        Assert.Equal(1 + 4 * 3, files.Length);
        foreach (var file in files)
            Assert.False(TestImages.HasExifOrGps(await File.ReadAllBytesAsync(file)), $"{Path.GetFileName(file)} still carries EXIF or GPS");
    }

    [Fact]
    public async Task Renditions_are_made_once_on_upload_and_served_from_fingerprinted_addresses_cached_for_a_year()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var id = await UploadOkAsync(editor, "photo.jpg", TestImages.Jpeg(700, 500), "A gradient");
        var folder = Path.Combine(factory.MediaFolder, await FingerprintAsync(id));
        var written = Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var reader = factory.CreateClient();
        foreach (var (width, extension, type) in new[] { (320, "avif", "image/avif"), (640, "webp", "image/webp"), (700, "jpg", "image/jpeg") })
        {
            for (var i = 0; i < 2; i++)
            {
                var response = await reader.GetAsync($"/media/{Path.GetFileName(folder)}/{width}.{extension}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
                Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
            }
        }
        Assert.Equal(written, Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{Path.GetFileName(folder)}/800.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{Path.GetFileName(folder)}/original.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/..%2F..%2Fgutimmune/320.jpg")).StatusCode);
    }

    [Fact]
    public async Task An_image_without_alt_text_cannot_be_chosen_as_a_hero_until_it_has_one()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "no-alt.jpg", TestImages.Jpeg(400, 300), "");

        var page = await editor.GetPageAsync(adminUrl);
        Assert.Null(page.QuerySelector($"#HeroMediaId option[value='{id}']"));
        var refused = await editor.SubmitAsync(page, DetailsForm, new() { ["HeroMediaId"] = id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var field = (await StaffSession.ParseAsync(refused)).QuerySelector(".field:has(#HeroMediaId)")!;
        Assert.Equal($"The image “no-alt.jpg” (image {id}) has no alt text yet, and an article shows only images with one: add its alt text in the media library first, then choose it.",
            field.QuerySelector(".field-error")?.TextContent);
        Assert.Equal($"/admin/media/{id}", field.QuerySelector(".field-error + a, .field-error a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task An_uploaded_file_name_loses_the_controls_that_reorder_it()
    {
        var (editor, _) = await StaffSession.EditorWithSeedArticleAsync(factory);

        var id = await UploadOkAsync(editor, "\u202Egpj.exe.jpg", TestImages.Jpeg(404, 303), "A described image");

        Assert.Equal("gpj.exe.jpg", await factory.WithServiceAsync<GutImmuneDbContext, string>(db => db.MediaImages.Where(m => m.Id == id).Select(m => m.FileName).SingleAsync()));
    }

    /// <summary>Alt text of a zero-width space, stored before such text was saved as none, is none: readers would get alt="&#x200B;".</summary>
    [Fact]
    public async Task An_image_whose_stored_alt_text_shows_nothing_is_one_without_alt_text()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "invisible-alt.jpg", TestImages.Jpeg(406, 305), "A described image");
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.MediaImages.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.AltText, "\u200B")));

        var page = await editor.GetPageAsync(adminUrl);
        var refused = await editor.SubmitAsync(page, DetailsForm, new() { ["HeroMediaId"] = id.ToString() });

        Assert.Null(page.QuerySelector($"#HeroMediaId option[value='{id}']"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith($"The image “invisible-alt.jpg” (image {id}) has no alt text yet",
            (await StaffSession.ParseAsync(refused)).QuerySelector(".field:has(#HeroMediaId) .field-error")?.TextContent);
    }

    /// <summary>An article whose hero's stored alt text shows nothing lists that on its page among the problems to mend, before anyone takes a step.</summary>
    [Fact]
    public async Task An_article_whose_hero_shows_nothing_for_alt_text_lists_it_among_the_problems_to_mend()
    {
        var (editor, _) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "hero-later-invisible.jpg", TestImages.Jpeg(411, 307), "A hero described for now");
        var article = new Article
        {
            Slug = "hero-problem-" + Guid.NewGuid().ToString("N")[..8], Title = "A hero to mend", Summary = "A summary.", AuthorName = "A. Writer",
            HeroMediaId = id, Sections = [new() { Slug = "only", Heading = "Only", Kind = SectionKind.Prose, Body = "Text." }],
        };
        var articleId = Assert.IsType<EditOutcome.Saved>(await factory.WithServiceAsync<ArticleEditor, EditOutcome>(e => e.CreateAsync(article, "Made by a test", default))).ArticleId;
        var before = await editor.GetPageAsync($"/admin/articles/{articleId}");
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.MediaImages.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.AltText, "\u200B")));

        var page = await editor.GetPageAsync($"/admin/articles/{articleId}");

        Assert.Null(before.QuerySelector(".problems-to-mend"));
        Assert.Equal([$"Image {id} is not in the media library, or has no alt text yet: choose another, or add its alt text in the media library."],
            page.QuerySelectorAll(".problems-to-mend li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task Hero_image_reaches_readers_as_a_picture_with_its_size_og_image_and_JSON_LD()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "vegetables.jpg", TestImages.JpegWithGps(1200, 800), "Bowls of vegetables on a kitchen counter");

        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, DetailsForm, new() { ["HeroMediaId"] = id.ToString() }));
        await editor.ReviewAndPublishAsync(adminUrl);

        var response = await factory.CreateClient().GetAsync("/articles/gut-immune-system-connection");
        var page = await StaffSession.ParseAsync(response);
        var img = page.QuerySelector(".hero picture img")!;
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Equal("800", img.GetAttribute("height"));
        Assert.Equal("Bowls of vegetables on a kitchen counter", img.GetAttribute("alt"));
        Assert.Contains("320w", page.QuerySelector(".hero picture source[type='image/avif']")!.GetAttribute("srcset"));
        Assert.NotNull(page.QuerySelector(".hero picture source[type='image/webp'][sizes]"));

        var ogImage = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        Assert.Matches("^https?://[^/]+/media/[0-9a-f]{16}/1200\\.jpg$", ogImage);
        Assert.Equal("1200", page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        Assert.Equal("800", page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));
        Assert.Equal(ogImage, page.QuerySelector("meta[name='twitter:image']")!.GetAttribute("content"));
        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("image");
        Assert.Equal(ogImage, jsonLd.GetProperty("url").GetString());
        Assert.Equal(1200, jsonLd.GetProperty("width").GetInt32());
        Assert.Equal(800, jsonLd.GetProperty("height").GetInt32());

        var image = await factory.CreateClient().GetAsync(new Uri(ogImage).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.False(TestImages.HasExifOrGps(await image.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Deleting_an_image_in_use_is_refused_with_where_it_is_used()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "in-use.jpg", TestImages.Jpeg(640, 480), "A gradient in use");
        // The confirmation opened before the image was put to use (another tab), then confirmed after.
        var confirmation = await editor.GetPageAsync($"/admin/media/{id}/delete");
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, DetailsForm, new() { ["HeroMediaId"] = id.ToString() }));

        var response = await editor.SubmitAsync(confirmation, "form.confirm-form", []);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("cannot be deleted while it is used", page.QuerySelector(".error-summary")?.TextContent);
        Assert.Contains("The Gut-Immune System Connection", page.QuerySelector(".media-uses")?.TextContent);
        Assert.Null(page.QuerySelector("form.confirm-form"));
        Assert.Equal(1, await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.MediaImages.CountAsync(m => m.Id == id)));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(factory.MediaFolder, await FingerprintAsync(id))));
        Assert.Contains("hero image", (await editor.GetPageAsync($"/admin/media/{id}")).QuerySelector(".media-uses")?.TextContent);
    }

    [Fact]
    public async Task An_unused_image_is_deleted_with_its_files_and_the_list_finds_images_by_their_words()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var id = await UploadOkAsync(editor, "unused.jpg", TestImages.Jpeg(500, 400), "A lonely zucchini");
        var folder = Path.Combine(factory.MediaFolder, await FingerprintAsync(id));

        var found = await editor.GetPageAsync("/admin/media?q=zucchini");
        Assert.Contains("A lonely zucchini", found.QuerySelector(".media-grid")?.TextContent);
        Assert.DoesNotContain("A lonely zucchini", (await editor.GetPageAsync("/admin/media?q=aubergine")).Body!.TextContent);

        var confirm = await editor.GetPageAsync($"/admin/media/{id}/delete");
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync(confirm, "form.confirm-form", []));
        Assert.False(Directory.Exists(folder) && Directory.GetFiles(folder).Length > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync($"/admin/media/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_text_naming_an_unknown_image_is_refused_on_its_field_and_a_known_one_reaches_readers()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadOkAsync(editor, "greens.jpg", TestImages.Jpeg(800, 600), "Greens in a bowl");
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Introduction");

        var refused = await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = "See ![a bowl](media:999999)." });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("media:999999", (await StaffSession.ParseAsync(refused)).QuerySelector(".markdown-field .field-error")?.TextContent);

        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = $"See ![A bowl of greens](media:{id})." }));
        await editor.ReviewAndPublishAsync(adminUrl);
        var reader = await StaffSession.ParseAsync(await factory.CreateClient().GetAsync("/articles/gut-immune-system-connection"));
        var img = reader.QuerySelector("#introduction ~ * picture img, section picture img")!;
        Assert.Equal("A bowl of greens", img.GetAttribute("alt"));
        Assert.Equal("800", img.GetAttribute("width"));
        Assert.Equal("600", img.GetAttribute("height"));
        var uses = (await editor.GetPageAsync($"/admin/media/{id}")).QuerySelector(".media-uses")?.TextContent;
        Assert.Contains("in the text", uses);
        Assert.Contains("on the page readers see", uses);
    }

    [Fact]
    public async Task The_same_file_uploaded_again_adds_nothing_and_the_form_links_to_the_image_already_there()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var photo = TestImages.Jpeg(660, 440);
        var id = await UploadOkAsync(editor, "first.jpg", photo, "The alt text given first");
        var other = await UploadOkAsync(editor, "other.jpg", TestImages.Jpeg(661, 440), "Another picture");
        var before = await CountImagesAsync();

        var again = await UploadAsync(editor, "again.jpg", photo, "Alt text given again");

        Assert.NotEqual(id, other);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var page = await StaffSession.ParseAsync(again);
        Assert.Contains("This image is already in the library", page.QuerySelector(".field:has(#File) .field-error")?.TextContent);
        Assert.Contains(page.QuerySelectorAll(".field:has(#File) a"), a => a.GetAttribute("href") == $"/admin/media/{id}");
        Assert.Equal(before, await CountImagesAsync());
        Assert.Equal("The alt text given first", await factory.WithServiceAsync<GutImmuneDbContext, string?>(async db =>
            (await db.MediaImages.SingleAsync(m => m.Id == id)).AltText));
    }

    [Fact]
    public async Task Two_uploads_of_the_same_file_at_once_make_one_image_and_the_other_is_told_it_is_there()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var photo = TestImages.Jpeg(720, 480);
        var before = await CountImagesAsync();
        var forms = new List<MultipartFormDataContent>();
        for (var i = 0; i < 2; i++)
            forms.Add(await UploadFormAsync(editor, $"at-once-{i}.jpg", photo, "Sent twice at once"));

        var responses = await Task.WhenAll(forms.Select(form => editor.Client.PostAsync("/admin/media", form)));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(before + 1, await CountImagesAsync());
    }

    [Fact]
    public async Task An_image_from_before_uploads_were_hashed_is_found_by_its_picture_and_keeps_its_details()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var photo = TestImages.Jpeg(740, 480);
        var id = await UploadOkAsync(editor, "older.jpg", photo, "Uploaded before hashing");
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.MediaImages.Where(m => m.Id == id).ExecuteUpdateAsync(set => set.SetProperty(m => EF.Property<string?>(m, "UploadHash"), (string?)null)));
        var before = await CountImagesAsync();

        var again = await UploadAsync(editor, "older-again.jpg", photo, "Uploaded again");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains((await StaffSession.ParseAsync(again)).QuerySelectorAll(".field:has(#File) a"), a => a.GetAttribute("href") == $"/admin/media/{id}");
        Assert.Equal(before, await CountImagesAsync());
        var (alt, hash) = await factory.WithServiceAsync<GutImmuneDbContext, (string?, string?)>(async db =>
        {
            var row = await db.MediaImages.Where(m => m.Id == id).Select(m => new { m.AltText, Hash = EF.Property<string?>(m, "UploadHash") }).SingleAsync();
            return (row.AltText, row.Hash);
        });
        Assert.Equal("Uploaded before hashing", alt);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), hash);
    }

    [Fact]
    public async Task An_upload_refused_for_another_field_asks_for_its_file_again()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var before = await CountImagesAsync();

        var refused = await UploadAsync(editor, "kept-alt.jpg", TestImages.Jpeg(400, 300), new string('a', GutImmune.Web.Media.MediaImage.MaxTextLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffSession.ParseAsync(refused);
        Assert.Contains("at most", page.QuerySelector(".field:has(#AltText)")!.TextContent);
        Assert.Contains("Choose “kept-alt.jpg” again", page.QuerySelector(".field:has(#File)")!.TextContent);
        Assert.Equal(before, await CountImagesAsync());
    }

    internal const string DetailsForm = "form:has(input[name=Title])";

    /// <summary>Uploads through the library's form (with its antiforgery token) and returns the response.</summary>
    internal static async Task<HttpResponseMessage> UploadAsync(StaffSession editor, string fileName, byte[] content, string alt) =>
        await editor.Client.PostAsync("/admin/media", await UploadFormAsync(editor, fileName, content, alt));

    /// <summary>The library's upload form, filled (with its antiforgery token), ready to post.</summary>
    private static async Task<MultipartFormDataContent> UploadFormAsync(StaffSession editor, string fileName, byte[] content, string alt)
    {
        var page = await editor.GetPageAsync("/admin/media");
        var token = page.QuerySelector("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(alt), "AltText" },
            { new StringContent("50"), "FocalX" },
            { new StringContent("50"), "FocalY" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        return form;
    }

    /// <summary>Uploads an image that must be accepted and returns its id (from the page it leads to).</summary>
    internal static async Task<int> UploadOkAsync(StaffSession editor, string fileName, byte[] content, string alt)
    {
        var response = await UploadAsync(editor, fileName, content, alt);
        await StaffSession.AssertRedirectedAsync(response);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private Task<int> CountImagesAsync() => factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.MediaImages.CountAsync());

    private Task<string> FingerprintAsync(int id) =>
        factory.WithServiceAsync<GutImmuneDbContext, string>(async db => (await db.MediaImages.SingleAsync(m => m.Id == id)).Fingerprint);
}

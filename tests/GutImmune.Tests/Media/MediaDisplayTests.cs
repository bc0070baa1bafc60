using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using GutImmune.Web.Media;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Media;

/// <summary>
/// Library images where readers meet them beyond the article body: the cards of home and topic pages, the content API,
/// the hero's caption and credit, crops around the focal point, people's photos; and the editors' revision diff.
/// </summary>
public class MediaDisplayTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private const string Slug = "gut-immune-system-connection";

    [Fact]
    public async Task Home_and_topic_cards_show_the_hero_as_a_picture_fitted_to_the_card_with_its_size_and_alt()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        await PublishHeroAsync(editor, adminUrl, hero: null);
        Assert.NotNull(CardOf(await ReaderPageAsync("/")).QuerySelector(".card-media .card-fallback"));

        var id = await PublishHeroAsync(editor, adminUrl, await UploadAsync(editor, "counter.jpg", 1200, 800, "Bowls of vegetables on a kitchen counter"));

        foreach (var path in new[] { "/", "/topics/gut-health" })
        {
            var card = CardOf(await ReaderPageAsync(path));
            Assert.Null(card.QuerySelector(".card-fallback"));
            var img = card.QuerySelector(".card-media picture img")!;
            Assert.Equal("Bowls of vegetables on a kitchen counter", img.GetAttribute("alt"));
            Assert.Equal("1200", img.GetAttribute("width"));
            Assert.Equal("800", img.GetAttribute("height"));
            Assert.Equal(PictureMarkup.CardSizes, img.GetAttribute("sizes"));
            Assert.Contains("320w", card.QuerySelector(".card-media source[type='image/avif']")!.GetAttribute("srcset"));
            Assert.Equal(PictureMarkup.CardSizes, card.QuerySelector(".card-media source[type='image/webp']")!.GetAttribute("sizes"));
            // The first card is at the top of the page: its image is not left to lazy loading.
            Assert.Null(img.GetAttribute("loading"));
        }
        Assert.Equal(id, await factory.WithServiceAsync<GutImmuneDbContext, int?>(db =>
            db.ReaderEditions.Where(e => e.Slug == Slug).Select(e => e.HeroMediaId).SingleAsync()));
    }

    [Fact]
    public async Task The_content_API_gives_the_library_hero_with_its_address_size_and_alt_and_documents_it()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        await PublishHeroAsync(editor, adminUrl, await UploadAsync(editor, "api.jpg", 1000, 750, "Greens in a colander"));

        var response = await factory.CreateClient().GetAsync($"/api/v1/articles/{Slug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var image = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("image");
        Assert.Equal("ImageObject", image.GetProperty("@type").GetString());
        Assert.Matches("^https?://[^/]+/media/[0-9a-f]{16}/1000\\.jpg$", image.GetProperty("url").GetString());
        Assert.Equal(1000, image.GetProperty("width").GetInt32());
        Assert.Equal(750, image.GetProperty("height").GetInt32());
        Assert.Equal("Greens in a colander", image.GetProperty("alt").GetString());
        var served = await factory.CreateClient().GetAsync(new Uri(image.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        var openApi = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schema = openApi.GetProperty("components").GetProperty("schemas").GetProperty("ApiImage").GetProperty("properties");
        foreach (var property in new[] { "url", "width", "height", "alt" })
            Assert.True(schema.TryGetProperty(property, out _), $"ApiImage has no '{property}' in the OpenAPI document");
    }

    [Fact]
    public async Task A_card_crops_the_hero_around_its_focal_point()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadAsync(editor, "focal.jpg", 1600, 600, "A wide kitchen counter");
        await SaveDetailsAsync(editor, id, new() { ["FocalX"] = "18", ["FocalY"] = "83" });
        await PublishHeroAsync(editor, adminUrl, id);

        var img = CardOf(await ReaderPageAsync("/")).QuerySelector(".card-media img")!;

        Assert.Contains("focal-x20", img.ClassList);
        Assert.Contains("focal-y80", img.ClassList);
        var css = await factory.CreateClient().GetStringAsync("/css/site.css");
        Assert.Contains(".focal-x20 { --focal-x: 20%; }", css);
        Assert.Contains(".focal-y80 { --focal-y: 80%; }", css);
        Assert.Contains("object-position: var(--focal-x, 50%) var(--focal-y, 50%)", css);
    }

    [Fact]
    public async Task The_hero_caption_credit_and_licence_are_separate_parts_of_its_figcaption()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadAsync(editor, "captioned.jpg", 800, 600, "Lettuce being washed");
        await SaveDetailsAsync(editor, id, new() { ["Caption"] = "Washing greens before a meal.", ["Credit"] = "Jo Example", ["Licence"] = "CC BY 4.0" });
        await PublishHeroAsync(editor, adminUrl, id);

        var caption = (await ReaderPageAsync($"/articles/{Slug}")).QuerySelector(".hero figcaption")!;

        Assert.Equal("Washing greens before a meal.", caption.QuerySelector(".figure-caption")?.TextContent);
        Assert.Equal("Image: Jo Example", caption.QuerySelector(".figure-credit .credit")?.TextContent);
        Assert.Equal("Licence: CC BY 4.0", caption.QuerySelector(".figure-credit .licence")?.TextContent);
    }

    [Fact]
    public async Task The_revision_diff_names_the_hero_by_its_alt_text_and_file_name()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var id = await UploadAsync(editor, "diff-me.jpg", 640, 480, "Carrots on a board");
        var edit = await editor.GetPageAsync(adminUrl);
        var version = int.Parse(edit.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        await editor.FollowAsync(await editor.SubmitAsync(edit, MediaLibraryTests.DetailsForm, new() { ["HeroMediaId"] = id.ToString() }));

        var diff = await editor.GetPageAsync($"{adminUrl}/revisions/compare?from={version}&to={version + 1}");

        var added = string.Join("\n", diff.QuerySelectorAll(".diff ins").Select(e => e.TextContent));
        Assert.Contains($"Hero image (media library): “Carrots on a board” (diff-me.jpg, image {id})", added);
    }

    [Fact]
    public async Task A_profile_photo_shows_on_the_people_pages_and_beside_the_review_line()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        await editor.ReviewAndPublishAsync(adminUrl);
        var reviewer = await factory.WithServiceAsync<GutImmuneDbContext, string>(db =>
            db.ReaderEditions.Where(e => e.Slug == Slug).Select(e => e.ReviewedBy!).SingleAsync());
        var noAlt = await UploadAsync(editor, "no-alt-portrait.jpg", 600, 600, "");
        var photo = await UploadAsync(editor, "portrait.jpg", 600, 800, "Dr. Rivera smiling in a clinic corridor");

        var refused = await editor.SubmitAsync("/admin/people/new", "main form.form",
            new() { ["Name"] = reviewer, ["Role"] = "Medical reviewer", ["PhotoMediaId"] = noAlt.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no alt text yet", (await StaffSession.ParseAsync(refused)).QuerySelector(".field:has(#PhotoMediaId) .field-error")?.TextContent);

        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync("/admin/people/new", "main form.form",
            new() { ["Name"] = reviewer, ["Role"] = "Medical reviewer", ["PhotoMediaId"] = photo.ToString() }));
        var slug = await factory.WithServiceAsync<GutImmuneDbContext, string>(db => db.People.Where(p => p.Name == reviewer).Select(p => p.Slug).SingleAsync());

        foreach (var (path, place) in new[] { ("/people", ".people-list"), ($"/people/{slug}", ".person-header"), ($"/articles/{Slug}", ".byline") })
        {
            var img = (await ReaderPageAsync(path)).QuerySelector($"{place} picture img.portrait");
            Assert.True(img is not null, $"no photo in {place} on {path}");
            Assert.Equal("Dr. Rivera smiling in a clinic corridor", img!.GetAttribute("alt"));
            Assert.Equal("600", img.GetAttribute("width"));
            Assert.Equal("800", img.GetAttribute("height"));
        }

        // In use, the photo cannot be deleted: its page says where it is used and offers no deletion.
        var delete = await editor.GetPageAsync($"/admin/media/{photo}/delete");
        Assert.Contains($"{reviewer}: photo on the profile", delete.QuerySelector(".media-uses")?.TextContent);
        Assert.Null(delete.QuerySelector("form.confirm-form"));
    }

    [Fact]
    public async Task A_new_alt_text_reaches_every_card_of_the_hero_at_once_also_where_pages_were_kept()
    {
        using var site = new GutImmuneFactory(); // its own: a newer article changes the order of the cards the other tests read
        var reader = site.CreateClient();
        async Task<string?> CardAltAsync(string path) =>
            CardOf(await StaffSession.ParseAsync(await reader.GetAsync(path))).QuerySelector(".card-media img")?.GetAttribute("alt");
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var id = (await PublishHeroAsync(editor, adminUrl, await UploadAsync(editor, "bowl.jpg", 900, 600, "A bowl before the change")))!.Value;
        // An article sharing the seed's topic lists the seed's card among its related articles.
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Alt text neighbour", ["Slug"] = "alt-text-neighbour", ["Summary"] = "Made by a media test.", ["AuthorName"] = "Test Author",
            ["Topics"] = "Gut health",
        });
        var neighbourUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(neighbourUrl + "/sections/new", "main form", new() { ["Heading"] = "Only section", ["Body"] = "Text." }));
        await editor.ReviewAndPublishAsync(neighbourUrl);
        string[] pages = ["/", "/topics/gut-health", "/articles/alt-text-neighbour"];
        foreach (var path in pages.Concat(pages)) // read twice: kept by the output cache and beside it
            Assert.Equal("A bowl before the change", await CardAltAsync(path));

        await SaveDetailsAsync(editor, id, new() { ["AltText"] = "A bowl after the change" });

        foreach (var path in pages)
            Assert.Equal("A bowl after the change", await CardAltAsync(path));
    }

    /// <summary>Sets (or with null, clears) the seed article's hero and publishes it; returns the hero's id.</summary>
    private static async Task<int?> PublishHeroAsync(StaffSession editor, string adminUrl, int? hero)
    {
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, MediaLibraryTests.DetailsForm, new() { ["HeroMediaId"] = hero?.ToString() ?? "" }));
        await editor.ReviewAndPublishAsync(adminUrl);
        return hero;
    }

    private static Task<int> UploadAsync(StaffSession editor, string fileName, int width, int height, string alt) =>
        MediaLibraryTests.UploadOkAsync(editor, fileName, TestImages.Jpeg(width, height), alt);

    private static async Task SaveDetailsAsync(StaffSession editor, int id, Dictionary<string, string> fields) =>
        await StaffSession.AssertRedirectedAsync(await editor.SubmitAsync($"/admin/media/{id}", $"form[action='/admin/media/{id}']", fields));

    private async Task<IHtmlDocument> ReaderPageAsync(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await StaffSession.ParseAsync(response);
    }

    private static AngleSharp.Dom.IElement CardOf(IHtmlDocument page) =>
        page.QuerySelectorAll(".card").First(c => c.QuerySelector(".card-title")?.TextContent.Contains("The Gut-Immune System Connection") == true);
}

using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Media;

namespace GutImmune.Tests.Media;

/// <summary>`![alt](media:ID)` in the one Markdown pipeline.</summary>
public class MediaMarkdownTests
{
    private static readonly MediaPicture Picture = new(7, "0123456789abcdef", 1200, 800, "Alt text from the library", null, null);

    private static MediaCatalog Catalog() => new(new Dictionary<int, MediaPicture> { [7] = Picture });

    [Fact]
    public void A_media_reference_renders_a_picture_with_every_width_format_and_the_image_size()
    {
        var catalog = Catalog();

        var html = ContentMarkdown.ToHtml("Look: ![Bowls of greens](media:7)", new CitationScope([]), "Test", media: catalog);

        Assert.Contains("<picture><source type=\"image/avif\" srcset=\"/media/0123456789abcdef/320.avif 320w, /media/0123456789abcdef/640.avif 640w, "
            + "/media/0123456789abcdef/960.avif 960w, /media/0123456789abcdef/1200.avif 1200w\" sizes=\"", html);
        Assert.Contains("<source type=\"image/webp\"", html);
        Assert.Contains("src=\"/media/0123456789abcdef/1200.jpg\"", html);
        Assert.Contains("width=\"1200\" height=\"800\" alt=\"Bowls of greens\" loading=\"lazy\"", html);
        Assert.Equal(" 7 ", catalog.ShownIds);
    }

    [Fact]
    public void A_media_reference_without_alt_text_in_the_text_takes_the_library_s()
    {
        var html = ContentMarkdown.ToHtml("![](media:7)", new CitationScope([]), "Test", media: Catalog());

        Assert.Contains("alt=\"Alt text from the library\"", html);
    }

    [Theory]
    [InlineData("An unknown image: ![Bowls of greens](media:99)")]
    [InlineData("Not a number: ![Bowls of greens](media:abc)")]
    public void An_image_the_library_does_not_hold_shows_its_alt_text_not_a_broken_image(string markdown)
    {
        var catalog = Catalog();

        var html = ContentMarkdown.ToHtml(markdown, new CitationScope([]), "Test", media: catalog);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("media:", html);
        Assert.Contains("Bowls of greens", html);
        Assert.Equal("", catalog.ShownIds);
    }

    [Fact]
    public void Alt_text_is_encoded_in_the_picture()
    {
        var html = ContentMarkdown.ToHtml("![\"><script>alert(1)</script>](media:7)", new CitationScope([]), "Test", media: Catalog());

        Assert.DoesNotContain("<script", html);
        Assert.Contains("<picture>", html);
    }

    [Fact]
    public void The_ids_a_text_refers_to_are_found_without_rendering_it()
    {
        Assert.Equal([3, 12], ContentMarkdown.FindMediaIds("![a](media:3) and ![b](media:12 \"title\"), [a link](media:4), ![c](https://example.org/x.png)"));
    }

    [Fact]
    public void Renumbering_rewrites_every_image_address_at_once_and_leaves_the_rest_of_the_text_as_written()
    {
        const string text = "![a](media:1) then ![b](<media:2> \"title\"), ![c][ref], [a link](media:1), ![d](media:9)\n\n[ref]: media:1";

        var renumbered = ContentMarkdown.RenumberMedia(text, new Dictionary<int, int> { [1] = 2, [2] = 1 });

        Assert.Equal("![a](media:2) then ![b](<media:1> \"title\"), ![c][ref], [a link](media:1), ![d](media:9)\n\n[ref]: media:2", renumbered);
    }

    [Fact]
    public void Renumbering_gives_up_on_an_address_spelt_with_an_entity_rather_than_leave_it_pointing_at_the_old_number()
    {
        Assert.Null(ContentMarkdown.RenumberMedia("![a](media&#58;1)", new Dictionary<int, int> { [1] = 2 }));
    }
}

using AngleSharp.Html.Parser;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Tests.Markdown;

public class MarkdownSafetyTests
{
    private static string Render(string markdown) => ContentMarkdown.ToHtml(markdown, new CitationScope([]), "Test");

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <img src=x onerror=alert(1)> there")]
    [InlineData("<div onclick=\"alert(1)\">block</div>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Raw_html_is_escaped_not_passed_through(string markdown)
    {
        var document = new HtmlParser().ParseDocument(Render(markdown));

        Assert.Empty(document.QuerySelectorAll("script, img, div, a"));
        Assert.All(document.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on")));
    }

    /// <summary>
    /// A neutralised link keeps what stands before it in the tree as well as on the page: the citation markers found for
    /// renumbering, the plain text for search, and the image the rules check (each was lost before an unsafe link).
    /// </summary>
    [Fact]
    public void What_stands_before_a_neutralised_link_is_still_found()
    {
        const string text = "Fermented foods [2] help. ![A chart](http://example.org/chart.png) See [this](javascript:alert(1)) and [that](vbscript:x).";

        Assert.Equal(["[2]"], ContentMarkdown.FindCitationMarkers(text).Select(c => c.MarkerText));
        Assert.StartsWith("Fermented foods", ContentMarkdown.ToPlainText(text));
        Assert.Equal(ContentMarkdown.HttpImage, ContentMarkdown.ToHtmlWithinCost(text, new CitationScope([1, 2]), "Test").Problem);
        Assert.Contains("See this and that.", Render("See [this](javascript:alert(1)) and [that](vbscript:x)."));
    }

    /// <summary>
    /// An image's alt text of only invisible characters is none: a library image shows its own description (the override
    /// showed readers alt="&amp;#x200B;"), another image alt="", and the accessibility check names it as one without.
    /// </summary>
    [Fact]
    public void An_alt_text_of_invisible_characters_is_none()
    {
        var media = new GutImmune.Web.Media.MediaCatalog(new Dictionary<int, GutImmune.Web.Media.MediaPicture>
        {
            [6] = new(6, "0123456789abcdef", 800, 600, "A diagram of the gut wall", Caption: null, Credit: null),
        });

        var html = ContentMarkdown.ToHtml("![\u200B](media:6) and ![\u2060\u200E](https://example.org/b.png)", new CitationScope([]), "Test", media: media);

        var images = new HtmlParser().ParseDocument(html).QuerySelectorAll("img");
        Assert.Equal(["A diagram of the gut wall", ""], images.Select(i => i.GetAttribute("alt")));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](<java\tscript:alert(1)>)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click][x]\n\n[x]: javascript:alert(1)")]
    public void Links_with_unsafe_schemes_lose_their_target(string markdown)
    {
        var html = Render(markdown);
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.DoesNotContain("href", html);
    }

    [Theory]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    public void Images_with_unsafe_schemes_become_their_alt_text(string markdown)
    {
        var html = Render(markdown);

        Assert.DoesNotContain("<img", html);
        Assert.Contains("pic", html);
    }

    [Theory]
    [InlineData("[site](https://example.org/a?b=c)", "https://example.org/a?b=c")]
    [InlineData("[mail](mailto:editor@example.org)", "mailto:editor@example.org")]
    [InlineData("[section](/articles/x#ref-1)", "/articles/x#ref-1")]
    [InlineData("[time](notes/10:30)", "notes/10:30")]
    public void Safe_links_are_kept(string markdown, string href)
    {
        var link = new HtmlParser().ParseDocument(Render(markdown)).QuerySelector("a");

        Assert.Equal(href, link?.GetAttribute("href"));
    }

    [Fact]
    public void Headings_in_content_start_below_the_section_heading()
    {
        var html = Render("# Sub-heading\n\n## Deeper");

        Assert.Contains("<h3", html);
        Assert.Contains("<h4", html);
        Assert.DoesNotContain("<h1", html);
    }

    [Fact]
    public void Figure_with_blockquote_renders_a_quotation_with_its_attribution()
    {
        var document = new HtmlParser().ParseDocument(Render("^^^\n> Quoted words.\n^^^ A. Person, MD"));

        Assert.Equal("Quoted words.", document.QuerySelector("figure > blockquote")?.TextContent.Trim());
        Assert.Equal("A. Person, MD", document.QuerySelector("figure > figcaption")?.TextContent.Trim());
    }
}

using System.Text.Encodings.Web;

namespace GutImmune.Web.Media;

/// <summary>
/// The one `&lt;picture&gt;` of the site: AVIF and WebP sources and a JPEG img, each with every width, and the image's width
/// and height so the browser reserves its space before it loads (no layout shift).
/// </summary>
public static class PictureMarkup
{
    /// <summary>The image takes the text column's width (at most about 48rem), the whole viewport on small screens.</summary>
    public const string ColumnSizes = "(min-width: 50rem) 48rem, 100vw";

    /// <summary>
    /// A card's image slot (site.css): the card's whole width on a phone (the column less its padding), about a third of
    /// the 46rem column beside the text from 40rem on.
    /// </summary>
    public const string CardSizes = "(min-width: 40rem) 16rem, calc(100vw - 2rem)";

    /// <summary>How a picture loads: the one at the top of a page (the largest paint) at once with priority, one near the
    /// top at once, the rest when scrolled near.</summary>
    public enum Loading
    {
        Priority,
        Eager,
        Lazy,
    }

    /// <param name="eager">True for the image at the top of a page (the largest paint): loaded at once, with priority.</param>
    public static string Html(MediaPicture picture, bool eager = false) =>
        Html(picture, ColumnSizes, eager ? Loading.Priority : Loading.Lazy, cssClass: null);

    /// <summary>
    /// A card's picture, cropped by the card's frame (object-fit: cover) around the image's focal point. The renditions
    /// keep the whole picture, since the same files serve the article page, and the card's frame changes shape with the
    /// screen (2:1 on a phone, the card's height beside the text): a crop made once would be wrong for one of them.
    /// </summary>
    public static string CardHtml(MediaPicture picture, Loading loading) => Html(picture, CardSizes, loading, picture.FocalClass);


    /// <summary>
    /// A person's photo, shown as a square of <paramref name="displayWidth"/> (a CSS length: site.css sizes it by the
    /// class of its place) cropped around the focal point like a card's.
    /// </summary>
    public static string PortraitHtml(MediaPicture picture, string displayWidth, Loading loading) =>
        Html(picture, displayWidth, loading, $"portrait {picture.FocalClass}");

    private static string Html(MediaPicture picture, string sizes, Loading loading, string? cssClass)
    {
        var e = HtmlEncoder.Default;
        var width = picture.LargestWidth;
        var height = picture.HeightAt(width);
        var load = loading switch
        {
            Loading.Priority => " fetchpriority=\"high\"",
            Loading.Lazy => " loading=\"lazy\"",
            _ => "",
        };
        var classAttribute = cssClass is null ? "" : $" class=\"{e.Encode(cssClass)}\"";
        return $"<picture>"
            + $"<source type=\"image/avif\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Avif))}\" sizes=\"{sizes}\">"
            + $"<source type=\"image/webp\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Webp))}\" sizes=\"{sizes}\">"
            + $"<img{classAttribute} src=\"{e.Encode(picture.FallbackUrl)}\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Jpeg))}\" sizes=\"{sizes}\" "
            + $"width=\"{width}\" height=\"{height}\" alt=\"{e.Encode(picture.Alt)}\"{load} decoding=\"async\">"
            + "</picture>";
    }
}

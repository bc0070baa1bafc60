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

    /// <param name="eager">True for the image at the top of a page (the largest paint): loaded at once, with priority.</param>
    public static string Html(MediaPicture picture, bool eager = false)
    {
        var e = HtmlEncoder.Default;
        var width = picture.LargestWidth;
        var height = picture.HeightAt(width);
        var loading = eager ? "fetchpriority=\"high\"" : "loading=\"lazy\"";
        return $"<picture>"
            + $"<source type=\"image/avif\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Avif))}\" sizes=\"{ColumnSizes}\">"
            + $"<source type=\"image/webp\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Webp))}\" sizes=\"{ColumnSizes}\">"
            + $"<img src=\"{e.Encode(picture.FallbackUrl)}\" srcset=\"{e.Encode(picture.Srcset(RenditionFormat.Jpeg))}\" sizes=\"{ColumnSizes}\" "
            + $"width=\"{width}\" height=\"{height}\" alt=\"{e.Encode(picture.Alt)}\" {loading} decoding=\"async\">"
            + "</picture>";
    }
}

namespace GutImmune.Web.Media;

/// <summary>
/// What a page needs to show a library image: the addresses of its renditions (fingerprinted, so cacheable for a year)
/// and its size, so the browser reserves its space before it loads. Stored in rendered editions as JSON.
/// </summary>
public sealed record MediaPicture(int Id, string Fingerprint, int Width, int Height, string Alt, string? Caption, string? Credit,
    string? Licence = null, int FocalX = 50, int FocalY = 50)
{
    /// <summary>The renditions' widths: the standard ones below the image's own, then its own up to the largest.</summary>
    public IReadOnlyList<int> Widths => Renditions.WidthsFor(Width);

    /// <summary>The height of the largest rendition, in proportion.</summary>
    public int HeightAt(int width) => Math.Max(1, (int)Math.Round(Height * (double)width / Width));

    public int LargestWidth => Widths[^1];

    public string Url(int width, RenditionFormat format) => Renditions.Url(Fingerprint, width, format);

    public string Srcset(RenditionFormat format) => string.Join(", ", Widths.Select(w => $"{Url(w, format)} {w}w"));

    /// <summary>The JPEG every browser can show, at the largest width: og:image, twitter:image, JSON-LD and the img fallback.</summary>
    public string FallbackUrl => Url(LargestWidth, RenditionFormat.Jpeg);

    /// <summary>The focal point to the nearest 10 % on each axis, as the classes site.css crops around (see <see cref="PictureMarkup"/>).</summary>
    public string FocalClass => $"focal-x{Nearest10(FocalX)} focal-y{Nearest10(FocalY)}";

    private static int Nearest10(int percent) => Math.Clamp((int)Math.Round(percent / 10.0, MidpointRounding.AwayFromZero) * 10, 0, 100);
}

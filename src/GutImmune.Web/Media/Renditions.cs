namespace GutImmune.Web.Media;

public enum RenditionFormat
{
    Avif,
    Webp,
    Jpeg,
}

/// <summary>The one definition of which renditions an image has and where they live.</summary>
public static class Renditions
{
    public static readonly int[] StandardWidths = [320, 640, 960, 1280, 1920];

    public static readonly RenditionFormat[] Formats = [RenditionFormat.Avif, RenditionFormat.Webp, RenditionFormat.Jpeg];

    /// <summary>The standard widths below the image's own, then its own width (at most the largest standard one).</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var top = Math.Min(width, StandardWidths[^1]);
        return [.. StandardWidths.Where(w => w < top), top];
    }

    public static string Extension(RenditionFormat format) => format switch
    {
        RenditionFormat.Avif => "avif",
        RenditionFormat.Webp => "webp",
        _ => "jpg",
    };

    public static string ContentType(RenditionFormat format) => format switch
    {
        RenditionFormat.Avif => "image/avif",
        RenditionFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };

    public static RenditionFormat? FromExtension(string extension) => extension switch
    {
        "avif" => RenditionFormat.Avif,
        "webp" => RenditionFormat.Webp,
        "jpg" => RenditionFormat.Jpeg,
        _ => null,
    };

    /// <summary>The rendition's key in the store, and (under /media/) its address.</summary>
    public static string Key(string fingerprint, int width, RenditionFormat format) => $"{fingerprint}/{width}.{Extension(format)}";

    public static string OriginalKey(string fingerprint, ImageFormat format) => $"{fingerprint}/original.{format.ToString().ToLowerInvariant()}";

    public static string Url(string fingerprint, int width, RenditionFormat format) => $"/media/{Key(fingerprint, width, format)}";
}

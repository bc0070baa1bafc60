using System.Security.Cryptography;
using NetVips;

namespace GutImmune.Web.Media;

/// <summary>An uploaded image, checked and cleaned: the original without metadata, and every rendition made from it.</summary>
public sealed record ProcessedImage(ImageFormat Format, int Width, int Height, string Fingerprint, byte[] Original,
    IReadOnlyList<(int Width, RenditionFormat Format, byte[] Content)> Renditions);

/// <summary>
/// Checks an uploaded file and makes the library's files from it (NetVips, chosen by bench/images). The type is read from
/// the content's signature and then only that type's decoder runs; size limits are checked from the header before any
/// pixel is decoded; the original is re-encoded without metadata (EXIF, GPS, XMP, comments) after applying its
/// orientation, so nothing of the uploaded bytes but the pixels is ever served.
/// </summary>
public static class ImageProcessing
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;

    /// <summary>
    /// Why a file is refused, in words an editor can act on; <see cref="Detail"/> is libvips' own text, for the log only
    /// (it names decoder internals an editor cannot act on).
    /// </summary>
    public sealed class Refused(string message, string? detail = null) : Exception(message)
    {
        public string? Detail { get; } = detail;
    }

    /// <summary>
    /// libvips' process-wide settings, bounding the memory an upload takes: no operation cache (it would keep decoded
    /// images alive after their upload) and one worker thread (each thread holds its own buffers of the image).
    /// </summary>
    static ImageProcessing()
    {
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return ImageFormat.Jpeg;
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return ImageFormat.Png;
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
            return ImageFormat.Webp;
        // ISO base media file: a box of type "ftyp" whose major brand is AVIF (a still image or a sequence).
        if (content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8) && (content[8..12].SequenceEqual("avif"u8) || content[8..12].SequenceEqual("avis"u8)))
            return ImageFormat.Avif;
        return null;
    }

    /// <summary>Checks and processes <paramref name="content"/>; throws <see cref="Refused"/> with the reason when it is not a usable image.</summary>
    /// <remarks>
    /// Memory stays near the size of the encoded files, not of the pixels: the original is decoded top to bottom
    /// (sequential access) straight into its re-encoding, never held whole; the renditions come from one thumbnail at the
    /// largest width (shrink-on-load where the format has it), the smaller ones resized from that.
    /// </remarks>
    public static ProcessedImage Process(byte[] content)
    {
        if (content.Length == 0)
            throw new Refused("The file is empty.");
        if (content.Length > MaxFileBytes)
            throw new Refused(TooLargeMessage(content.Length));
        var format = DetectFormat(content)
            ?? throw new Refused("This is not a JPEG, PNG, WebP or AVIF image (whatever its name says). Other files, SVG included, are not accepted.");
        var name = format == ImageFormat.Webp ? "WebP" : format.ToString().ToUpperInvariant();
        int orientation;
        // Sequential access reads the header only: nothing is decoded until pixels are asked for.
        using (var header = Step(() => Load(content, format, Enums.Access.Sequential),
                   $"The file starts as {name} images do, but its header cannot be read: the file is damaged, or what follows is not {name}."))
        {
            if ((long)header.Width * header.Height > MaxPixels)
                throw new Refused($"The image is {header.Width:N0} × {header.Height:N0} pixels ({(long)header.Width * header.Height / 1_000_000.0:N0} megapixels); the limit is {MaxPixels / 1_000_000} megapixels.");
            orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        }
        var original = Step(() =>
        {
            // Turning a photo upright reads it out of order: only then is it decoded whole.
            using var decoded = Load(content, format, orientation > 1 ? Enums.Access.Random : Enums.Access.Sequential);
            using var upright = decoded.Autorot();
            using var srgb = ToSrgb(upright);
            return Encode(srgb, format);
        }, $"The {name} image is damaged or incomplete (cut short, or corrupted inside), so its pixels cannot be read. Export or save it again and upload the new file.");
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(original));
        var renditions = new List<(int, RenditionFormat, byte[])>();
        var (width, height) = Step(() => MakeRenditions(original, renditions),
            $"The {name} image was read, but its web versions could not be made from it. Save it again (as an sRGB JPEG or PNG) and upload the new file.");
        return new ProcessedImage(format, width, height, fingerprint[..16], original, renditions);
    }

    /// <summary>The renditions of the cleaned <paramref name="original"/> into <paramref name="renditions"/>; returns its size.</summary>
    private static (int Width, int Height) MakeRenditions(byte[] original, List<(int, RenditionFormat, byte[])> renditions)
    {
        using var header = Image.NewFromBuffer(original, access: Enums.Access.Sequential);
        var widths = Renditions.WidthsFor(header.Width);
        using var thumbnail = Image.ThumbnailBuffer(original, widths[^1], size: Enums.Size.Down);
        // In memory (a few MB at 1920 px): the three encoders and the smaller widths each read it from the start.
        using var largest = thumbnail.CopyMemory();
        foreach (var width in widths)
        {
            using var resized = width == largest.Width ? largest.Copy() : largest.ThumbnailImage(width, size: Enums.Size.Down).CopyMemory();
            using var opaque = resized.HasAlpha() ? resized.Flatten([255, 255, 255]) : resized.Copy();
            foreach (var rendition in Renditions.Formats)
                renditions.Add((width, rendition, Encode(rendition == RenditionFormat.Jpeg ? opaque : resized, rendition)));
        }
        return (header.Width, header.Height);
    }

    public static string TooLargeMessage(long bytes) =>
        $"The file is {bytes / (1024.0 * 1024):0.#} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB.";

    /// <summary>Runs a libvips step, turning its failure into <paramref name="refusal"/> (its own text kept for the log).</summary>
    private static T Step<T>(Func<T> step, string refusal)
    {
        try
        {
            return step();
        }
        catch (VipsException e)
        {
            throw new Refused(refusal, FirstLine(e.Message));
        }
    }

    private static Image Load(byte[] content, ImageFormat format, Enums.Access access) => format switch
    {
        // FailOn.Truncated: a file cut short is refused, not shown with a grey band.
        ImageFormat.Jpeg => Image.JpegloadBuffer(content, access: access, failOn: Enums.FailOn.Truncated),
        ImageFormat.Png => Image.PngloadBuffer(content, unlimited: false, access: access, failOn: Enums.FailOn.Truncated),
        ImageFormat.Webp => Image.WebploadBuffer(content, access: access, failOn: Enums.FailOn.Truncated),
        _ => Image.HeifloadBuffer(content, access: access, failOn: Enums.FailOn.Truncated),
    };

    /// <summary>Pixels in sRGB (an embedded colour profile applied), so dropping the profile with the metadata changes no colour.</summary>
    private static Image ToSrgb(Image image)
    {
        if (image.Contains("icc-profile-data"))
            return image.IccTransform("srgb");
        return image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
    }

    private static byte[] Encode(Image image, ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => image.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None),
        ImageFormat.Png => image.PngsaveBuffer(keep: Enums.ForeignKeep.None),
        ImageFormat.Webp => image.WebpsaveBuffer(q: 90, keep: Enums.ForeignKeep.None),
        _ => image.HeifsaveBuffer(q: 70, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
    };

    private static byte[] Encode(Image image, RenditionFormat format) => format switch
    {
        RenditionFormat.Avif => image.HeifsaveBuffer(q: 60, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
        RenditionFormat.Webp => image.WebpsaveBuffer(q: 75, effort: 4, keep: Enums.ForeignKeep.None),
        _ => image.JpegsaveBuffer(q: 80, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
    };

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}

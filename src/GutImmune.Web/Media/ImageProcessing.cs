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

    /// <summary>Why a file is refused, in words an editor can act on.</summary>
    public sealed class Refused(string message) : Exception(message);

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
    public static ProcessedImage Process(byte[] content)
    {
        if (content.Length == 0)
            throw new Refused("The file is empty.");
        if (content.Length > MaxFileBytes)
            throw new Refused($"The file is {content.Length / (1024.0 * 1024):F1} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB.");
        var format = DetectFormat(content)
            ?? throw new Refused("This is not a JPEG, PNG, WebP or AVIF image (whatever its name says). Other files, SVG included, are not accepted.");
        try
        {
            // Sequential access reads the header only: nothing is decoded until pixels are asked for.
            using (var header = Load(content, format, Enums.Access.Sequential))
            {
                if ((long)header.Width * header.Height > MaxPixels)
                    throw new Refused($"The image is {header.Width:N0} × {header.Height:N0} pixels ({(long)header.Width * header.Height / 1_000_000.0:N0} megapixels); the limit is {MaxPixels / 1_000_000} megapixels.");
            }
            using var decoded = Load(content, format, Enums.Access.Random);
            using var upright = decoded.Autorot();
            using var srgb = ToSrgb(upright);
            var original = Encode(srgb, format);
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(original))[..16];
            var renditions = new List<(int, RenditionFormat, byte[])>();
            foreach (var width in Renditions.WidthsFor(srgb.Width))
            {
                // Thumbnail reads sequentially; in memory, the three encoders can each read it from the start.
                using var thumbnail = Image.ThumbnailBuffer(original, width, size: Enums.Size.Down);
                using var resized = thumbnail.CopyMemory();
                using var opaque = resized.HasAlpha() ? resized.Flatten([255, 255, 255]) : resized.Copy();
                foreach (var rendition in Renditions.Formats)
                    renditions.Add((width, rendition, Encode(rendition == RenditionFormat.Jpeg ? opaque : resized, rendition)));
            }
            return new ProcessedImage(format, srgb.Width, srgb.Height, fingerprint, original, renditions);
        }
        catch (VipsException e)
        {
            throw new Refused($"The file could not be read as a {format.ToString().ToUpperInvariant()} image: it is damaged or incomplete ({FirstLine(e.Message)}).");
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

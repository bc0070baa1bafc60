using GutImmune.Web.Content;

namespace GutImmune.Web.Media;

/// <summary>
/// An image of the media library: its cleaned original (metadata stripped) and its renditions live in the
/// <see cref="IMediaStore"/> under <see cref="Fingerprint"/>; this row holds what editors say about it.
/// </summary>
public class MediaImage
{
    public const int MaxTextLength = ContentLimits.ShortText;

    public int Id { get; set; }
    /// <summary>The cleaned original's content hash: its files' addresses, which never change for the same bytes.</summary>
    public required string Fingerprint { get; set; }
    /// <summary>
    /// The SHA-256 (hex) of the file's bytes as uploaded, unique: the same file uploaded again is found by it and adds
    /// nothing. Null for an image uploaded before uploads were hashed, until that image is uploaded again.
    /// </summary>
    public string? UploadHash { get; set; }
    public ImageFormat Format { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long ByteSize { get; set; }
    /// <summary>The name the file had when uploaded, shown to editors only (its type is read from its content).</summary>
    public required string FileName { get; set; }
    /// <summary>Required before the image can be used (on an article or in its text).</summary>
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string? Licence { get; set; }
    /// <summary>Where the subject is, in percent of the width and height from the top left, for crops.</summary>
    public int FocalX { get; set; } = 50;
    public int FocalY { get; set; } = 50;
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
    public int Version { get; set; }

    public MediaPicture Picture(string? altOverride = null) =>
        new(Id, Fingerprint, Width, Height, string.IsNullOrWhiteSpace(altOverride) ? AltText ?? "" : altOverride, Caption, Credit,
            Licence, FocalX, FocalY);
}

/// <summary>The four formats the library takes; everything else is refused.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Avif,
}

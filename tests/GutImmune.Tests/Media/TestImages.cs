using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace GutImmune.Tests.Media;

/// <summary>Images and not-images made by the tests themselves: photos with GPS data, and the corpus of bad files.</summary>
public static class TestImages
{
    /// <summary>A photo-like JPEG (gradients and grain) carrying an EXIF block with a GPS position and a camera name.</summary>
    public static byte[] JpegWithGps(int width = 1200, int height = 800) => InsertAfterSoi(Jpeg(width, height), ExifSegment());

    public static byte[] Jpeg(int width, int height)
    {
        using var image = Photo(width, height);
        return image.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Photo(width, height);
        return image.PngsaveBuffer(keep: Enums.ForeignKeep.None);
    }

    /// <summary>A JPEG whose EXIF is 40 segments of about 64 KB (2.6 MB of metadata around a small picture).</summary>
    public static byte[] JpegWithHugeExif()
    {
        var jpeg = Jpeg(400, 300);
        var padding = new byte[65_000];
        Array.Fill(padding, (byte)'E');
        var segments = Enumerable.Range(0, 40).SelectMany(_ => Segment(0xE1, [.. "Exif\0\0"u8, .. padding])).ToArray();
        return InsertAfterSoi(jpeg, [.. ExifSegment(), .. segments]);
    }

    /// <summary>A valid PNG header claiming 100,000 × 100,000 pixels (10 gigapixels) over a few bytes of data.</summary>
    public static byte[] PixelBombPng()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 100_000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 100_000);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(new byte[64 * 1024]);
        return [.. PngSignature, .. Chunk("IHDR", header), .. Chunk("IDAT", deflated.ToArray()), .. Chunk("IEND", [])];
    }

    public static byte[] Truncated(byte[] image) => image[..(image.Length / 2)];

    public static byte[] SvgWithScript => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><script>alert(document.cookie)</script><rect width=\"100\" height=\"100\"/></svg>");

    /// <summary>A Windows executable's start ("MZ" and the DOS stub).</summary>
    public static byte[] Executable => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8, .. new byte[512]];

    /// <summary>HTML with script that ends in a PNG: a browser sniffing it would see HTML first.</summary>
    public static byte[] HtmlThenPng() => [.. "<html><script>alert(1)</script>"u8, .. Png(64, 64)];

    /// <summary>A valid PNG with HTML and script appended after its end (the other polyglot: an image to the decoder).</summary>
    public static byte[] PngThenHtml() => [.. Png(300, 200), .. Encoding.UTF8.GetBytes(ScriptPayload)];

    public const string ScriptPayload = "<html><script>alert('polyglot')</script></html>";

    /// <summary>Whether <paramref name="content"/> carries EXIF or GPS data, by the decoder's metadata and by its bytes.</summary>
    public static bool HasExifOrGps(byte[] content)
    {
        using var image = Image.NewFromBuffer(content);
        var fields = image.GetFields();
        return fields.Any(f => f.StartsWith("exif", StringComparison.Ordinal) || f.Contains("gps", StringComparison.OrdinalIgnoreCase))
            || Contains(content, "Exif\0\0"u8) || Contains(content, "GPS"u8) || Contains(content, "TestCam"u8);
    }

    public static bool Contains(byte[] content, ReadOnlySpan<byte> part) => content.AsSpan().IndexOf(part) >= 0;

    private static Image Photo(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var r = x * (255.0 / width);
        using var g = y * (255.0 / height);
        using var b = (x + y) * (127.0 / (width + height)) + 64;
        using var joined = r.Bandjoin(g, b);
        return joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>APP1 "Exif": a little-endian TIFF with IFD0 (Make = "TestCam", a pointer to the GPS IFD) and a GPS IFD (latitude N 51°).</summary>
    private static byte[] ExifSegment()
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16(v >> 16); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: two entries, then the next-IFD offset (0).
        U16(2);
        U16(0x010F); U16(2); U32(8); U32(8 + 2 + 2 * 12 + 4); // Make, ASCII, 8 bytes at offset 38
        U16(0x8825); U16(4); U32(1); U32(46);                   // GPSInfo IFD at 46
        U32(0);
        tiff.AddRange("TestCam\0"u8.ToArray());                 // at 38
        // GPS IFD at 46: GPSLatitudeRef "N", GPSLatitude 51/1 0/1 0/1.
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(46 + 2 + 2 * 12 + 4);  // rationals at 76
        U32(0);
        U32(51); U32(1); U32(0); U32(1); U32(0); U32(1);
        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    private static byte[] InsertAfterSoi(byte[] jpeg, byte[] segments) => [.. jpeg[..2], .. segments, .. jpeg[2..]];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}

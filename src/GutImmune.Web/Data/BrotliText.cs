using System.IO.Compression;
using System.Text;

namespace GutImmune.Web.Data;

/// <summary>UTF-8 text stored Brotli-compressed (revision snapshots, reader editions), at the quality each caller chooses.</summary>
public static class BrotliText
{
    public static byte[] Compress(string text, int quality)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, new BrotliCompressionOptions { Quality = quality }))
            brotli.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    public static string Decompress(byte[] compressed) => Encoding.UTF8.GetString(DecompressUtf8(compressed));

    /// <summary>The text as UTF-8, for a reader that takes it so (JSON): no string is made.</summary>
    public static byte[] DecompressUtf8(byte[] compressed)
    {
        using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var utf8 = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(utf8);
        return utf8.ToArray();
    }
}

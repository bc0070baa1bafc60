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

    public static string Decompress(byte[] compressed)
    {
        using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

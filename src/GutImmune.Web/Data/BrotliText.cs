using System.Buffers;
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

    public static string Decompress(byte[] compressed) => Read(compressed, Encoding.UTF8.GetString);

    /// <summary>
    /// What <paramref name="read"/> makes of the text as UTF-8 (a JSON parser takes it so), decompressed into a buffer rented
    /// from the shared pool: a reader's miss unpacks a stored page, and a stream growing to its size, then its copy, allocated
    /// several times the page on every miss (bench/README "Ninth round (r7)").
    /// </summary>
    public static T Read<T>(byte[] compressed, Func<ReadOnlySpan<byte>, T> read)
    {
        using var decoder = new BrotliDecoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, compressed.Length * 16));
        try
        {
            var (consumed, written) = (0, 0);
            while (true)
            {
                var status = decoder.Decompress(compressed.AsSpan(consumed), buffer.AsSpan(written), out var justConsumed, out var justWritten);
                consumed += justConsumed;
                written += justWritten;
                if (status == OperationStatus.Done)
                    return read(buffer.AsSpan(0, written));
                if (status != OperationStatus.DestinationTooSmall)
                    throw new InvalidDataException($"The stored Brotli text is {(status == OperationStatus.NeedMoreData ? "truncated" : "invalid")}.");
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, written).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

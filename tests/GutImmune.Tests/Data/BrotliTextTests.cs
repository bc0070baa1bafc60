using System.Text;
using GutImmune.Web.Data;

namespace GutImmune.Tests.Data;

/// <summary>Stored Brotli text is unpacked whole, however much larger than its compressed form, and damaged text is refused.</summary>
public class BrotliTextTests
{
    [Fact]
    public void Text_many_times_larger_than_its_compressed_form_is_read_whole()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<p class=\"fact\">Fact {i % 7} – é</p>"));
        var compressed = BrotliText.Compress(text, 5);
        Assert.True(text.Length > compressed.Length * 100, "the text compresses far beyond the first buffer's guess");

        Assert.Equal(text, BrotliText.Decompress(compressed));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), BrotliText.Read(compressed, utf8 => utf8.Length));
    }

    [Fact]
    public void Truncated_or_damaged_text_is_refused()
    {
        var compressed = BrotliText.Compress(string.Concat(Enumerable.Repeat("A reader edition's page. ", 200)), 5);

        Assert.Throws<InvalidDataException>(() => BrotliText.Decompress(compressed[..(compressed.Length / 2)]));
        Assert.Throws<InvalidDataException>(() => BrotliText.Decompress([0xff, 0xff, 0xff, 0xff]));
    }
}

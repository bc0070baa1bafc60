using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using GutImmune.Tests.Web;

namespace GutImmune.Tests.Caching;

/// <summary>The site's stylesheets, scripts and SVG go out compressed to browsers that accept it, and unchanged to those that do not.</summary>
public class StaticFileCompressionTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("/css/site.css", "br")]
    [InlineData("/css/site.css", "gzip")]
    [InlineData("/js/admin.js", "br")]
    [InlineData("/favicon.svg", "br")]
    public async Task Static_files_are_sent_compressed_to_a_browser_that_accepts_it(string path, string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?v=test");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        var original = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "wwwroot", path.TrimStart('/')));
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < original.Length, $"{compressed.Length} bytes compressed, {original.Length} bytes original");
        using var decompressed = new MemoryStream();
        await using (Stream reader = encoding == "br"
                         ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
                         : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
            await reader.CopyToAsync(decompressed);
        Assert.Equal(original, decompressed.ToArray());
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_file_as_it_is()
    {
        var response = await factory.CreateClient().GetAsync("/css/site.css");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "wwwroot", "css", "site.css")),
            await response.Content.ReadAsByteArrayAsync());
    }
}

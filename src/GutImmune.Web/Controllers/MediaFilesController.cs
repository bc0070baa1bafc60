using GutImmune.Web.Media;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

/// <summary>
/// The library's renditions, from the store. Their addresses carry the content's fingerprint, so a file never changes at
/// its address: browsers and CDNs may keep it for a year without asking again.
/// </summary>
[Route("media")]
public sealed class MediaFilesController(IMediaStore store) : Controller
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    [HttpGet("{fingerprint:length(16)}/{file}")]
    public async Task<IActionResult> Rendition(string fingerprint, string file, CancellationToken cancellationToken)
    {
        // Only what Renditions makes: a hex fingerprint and "<width>.<avif|webp|jpg>", never a path of the caller's.
        var dot = file.IndexOf('.');
        if (!fingerprint.All(char.IsAsciiHexDigitLower) || dot < 1 || !int.TryParse(file.AsSpan(0, dot), out var width)
            || width < 1 || width > Renditions.StandardWidths[^1]
            || Renditions.FromExtension(file[(dot + 1)..]) is not { } format
            || file != $"{width}.{Renditions.Extension(format)}")
            return NotFound();
        var content = await store.OpenAsync(Renditions.Key(fingerprint, width, format), cancellationToken);
        if (content is null)
            return NotFound();
        Response.Headers.CacheControl = ImmutableCacheControl;
        return File(content, Renditions.ContentType(format));
    }
}

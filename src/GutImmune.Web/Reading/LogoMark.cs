using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace GutImmune.Web.Reading;

/// <summary>
/// The GutImmune mark (wwwroot/favicon.svg): a shield (the immune system) holding one winding line (the gut). An image,
/// not inline SVG, so reader pages hold no svg element at all (the XSS checks treat any as injected). Always decorative:
/// the site's name or the card's title beside it is the text. Its path carries the file's content hash, as
/// asp-append-version writes it. Views write this element instead of a partial with the image tag helper, which cost
/// every use a view lookup, a ViewData copy and a writer (about 4 % of a rendered page's CPU each).
/// </summary>
public static class LogoMark
{
    public static IHtmlContent Html(HttpContext context)
    {
        var pathBase = context.Request.PathBase;
        var path = context.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(pathBase, pathBase.Add("/favicon.svg").Value!);
        // The path is encoded by the page's own encoder when written, like any attribute value.
        return new HtmlContentBuilder(3).AppendHtml("<img class=\"logo-mark\" src=\"").Append(path).AppendHtml("\" alt=\"\" width=\"32\" height=\"32\">");
    }
}

using System.Text.Encodings.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>
/// Renders an editor's Markdown through the reader pipeline, with the article's references, before it is saved; a text
/// too long or too costly to render gets the message its save would get instead.
/// </summary>
public sealed class MarkdownPreview(GutImmuneDbContext db)
{
    public sealed record Result(HtmlString Html, IReadOnlyList<UnknownCitation> UnknownCitations);

    public async Task<Result> RenderAsync(int articleId, string markdown, CancellationToken cancellationToken)
    {
        var numbers = await db.Citations.AsNoTracking().Where(c => c.ArticleId == articleId).Select(c => c.Number).ToListAsync(cancellationToken);
        var scope = new CitationScope(numbers);
        var rendering = markdown.Length > ContentLimits.Markdown
            ? new ContentMarkdown.CheckedRendering("", $"is {markdown.Length:N0} characters long; the limit is {ContentLimits.Markdown:N0}.")
            : ContentMarkdown.ToHtmlWithinCost(markdown, scope, "This text");
        if (rendering.Problem is { } problem)
            return new Result(new HtmlString($"<p class=\"field-error\">{HtmlEncoder.Default.Encode("This text " + problem)}</p>"), []);
        return new Result(new HtmlString(rendering.Html), scope.Unknown);
    }
}

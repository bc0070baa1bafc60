using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>Renders an editor's Markdown through the reader pipeline, with the article's references, before it is saved.</summary>
public sealed class MarkdownPreview(GutImmuneDbContext db)
{
    public sealed record Result(HtmlString Html, IReadOnlyList<UnknownCitation> UnknownCitations);

    public async Task<Result> RenderAsync(int articleId, string markdown, CancellationToken cancellationToken)
    {
        var numbers = await db.Citations.AsNoTracking().Where(c => c.ArticleId == articleId).Select(c => c.Number).ToListAsync(cancellationToken);
        var scope = new CitationScope(numbers);
        var html = ContentMarkdown.ToHtml(markdown, scope, "This text");
        return new Result(new HtmlString(html), scope.Unknown);
    }
}

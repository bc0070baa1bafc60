using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Reading;

/// <summary>An article's disclaimer for the pages that show part of it (a section on its own page), rendered by the one pipeline.</summary>
public sealed class ArticleDisclaimers(GutImmuneDbContext db, TimeProvider clock)
{
    public async Task<HtmlString?> ForArticleAsync(string slug, CancellationToken cancellationToken)
    {
        var text = await db.Articles.AsNoTracking().Where(Article.VisibleToReadersAt(clock.GetUtcNow().UtcDateTime))
            .Where(a => a.Slug == slug).Select(a => a.Disclaimer).FirstOrDefaultAsync(cancellationToken);
        // No reference list travels with it, so a citation marker in a disclaimer stays text here.
        return text is null ? null : new HtmlString(ContentMarkdown.ToHtml(text, new CitationScope([]), "Disclaimer"));
    }
}

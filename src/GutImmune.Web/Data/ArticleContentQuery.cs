using GutImmune.Web.Content;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

public static class ArticleContentQuery
{
    /// <summary>Articles with all that makes up their content, in order: sections with their facts and causes, references, topics.</summary>
    public static IQueryable<Article> WithContent(this IQueryable<Article> articles) => articles.AsSplitQuery()
        .Include(a => a.Sections.OrderBy(s => s.Position)).ThenInclude(s => s.Facts.OrderBy(f => f.Position))
        .Include(a => a.Sections).ThenInclude(s => s.Causes.OrderBy(c => c.Position))
        .Include(a => a.Citations.OrderBy(c => c.Number))
        .Include(a => a.Topics);
}

using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Reading;

public sealed record SiteIndexEntry(string Slug, string Title);

public sealed record SiteIndexPage(IReadOnlyList<SiteIndexEntry> Articles, int PageNumber, bool HasNextPage);

/// <summary>The HTML sitemap for readers: every article they can see, by title, a page at a time (sitemap.xml is for crawlers).</summary>
public sealed class SiteIndex(GutImmuneDbContext db, TimeProvider clock)
{
    public const int PageSize = 100;

    public async Task<SiteIndexPage> GetPageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize); // the offset must not overflow
        var rows = await Visible
            .OrderBy(a => a.Title).ThenBy(a => a.ArticleId)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new SiteIndexEntry(a.Slug, a.Title))
            .ToListAsync(cancellationToken);
        return new SiteIndexPage(rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    /// <summary>How many articles the index lists in all (for the page that says a page number is past its end).</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => Visible.CountAsync(cancellationToken);

    private IQueryable<ReaderEdition> Visible => db.ReaderEditions.AsNoTracking().Where(ReaderEdition.VisibleAt(clock.GetUtcNow().UtcDateTime));
}

using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.ContentChecks;

/// <summary>Runs <see cref="ArticleChecks"/> on stored articles (the working copy editors see), with the configured thresholds and today's date.</summary>
public sealed class ContentChecker(GutImmuneDbContext db, IOptions<ContentCheckOptions> options, TimeProvider clock)
{
    /// <summary>Articles the site-wide report reads at most; far above what the site holds, so the page stays bounded.</summary>
    public const int MaxReportedArticles = 500;

    public ArticleCheckResult Check(Article article) => ArticleChecks.Run(article, options.Value, Today);

    /// <summary>The checks of a Markdown text not yet saved, against the stored article's references and marks; null when there is no such article.</summary>
    public async Task<FieldCheckResult?> CheckFieldAsync(int articleId, string markdown, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Citations).SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
            return null;
        // Read as a section's text: each paragraph is a claim of its own.
        return ArticleChecks.RunOnField(article, new ContentPlace.Section(-1, SectionPart.Body), "This text", markdown, options.Value);
    }

    public sealed record ReportRow(int ArticleId, string Title, ArticleStatus Status, double? Grade, IReadOnlyDictionary<CheckGroup, int> Counts,
        IReadOnlyList<ContentFinding> Findings)
    {
        public int Total => Findings.Count;
    }

    /// <summary>Every article's open findings (its working copy), newest article first.</summary>
    public async Task<IReadOnlyList<ReportRow>> ReportAsync(CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking().WithContent().OrderByDescending(a => a.Id).Take(MaxReportedArticles).ToListAsync(cancellationToken);
        return articles.Select(article =>
        {
            var result = Check(article);
            return new ReportRow(article.Id, article.Title, article.Status, result.Whole.FleschKincaid,
                Enum.GetValues<CheckGroup>().ToDictionary(g => g, g => result.Findings.Count(f => f.Group == g)), result.Findings);
        }).ToList();
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

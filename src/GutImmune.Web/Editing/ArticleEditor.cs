using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>
/// The one way content changes. Each save runs in a transaction: load the article, refuse it if someone saved since
/// the editor's version, apply the change, validate the whole article, bump the version and store a revision.
/// </summary>
public sealed class ArticleEditor(GutImmuneDbContext db, TimeProvider clock, CurrentEditor editor, AuditLog audit, SearchIndexer search, ReaderPageCache readerPages)
{
    /// <summary>A change to a loaded article; returns problems that refuse it (e.g. a reference that is still cited), or none.</summary>
    public delegate IEnumerable<ContentProblem>? Change(Article article);

    public async Task<EditOutcome> CreateAsync(Article article, string description, CancellationToken cancellationToken)
    {
        article.NormalizeText();
        var problems = ArticleValidator.Validate(article).Concat(await SlugProblemsAsync(article, cancellationToken)).ToList();
        if (problems.Count > 0)
            return new EditOutcome.Invalid(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await UseExistingTopicsAsync(article, cancellationToken);
        var now = Now;
        article.CreatedAt = now;
        article.UpdatedAt = now;
        article.Version = 1;
        article.NormalizePositions();
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        AddRevision(article, description);
        await search.IndexAsync(article, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await readerPages.EvictAsync([article.Slug], article.Topics.Select(t => t.Id), cancellationToken);
        return new EditOutcome.Saved(article.Id, article.Version);
    }

    public Task<EditOutcome> EditAsync(int articleId, int expectedVersion, string description, Change change, CancellationToken cancellationToken) =>
        EditAsync(articleId, expectedVersion, () => description, change, cancellationToken);

    /// <summary>As above, with a description worked out by the change itself (e.g. naming the fact it found).</summary>
    public async Task<EditOutcome> EditAsync(int articleId, int expectedVersion, Func<string> description, Change change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return new EditOutcome.NotFound();
        if (article.Version != expectedVersion)
            return new EditOutcome.Conflict(articleId, expectedVersion, article.Version);

        var previousSlug = article.Slug;
        var previousStatus = article.Status;
        var previousTopics = article.Topics.Select(t => t.Id).ToList();
        var before = ArticleFileWriter.Write(article);
        var refusals = change(article)?.ToList() ?? [];
        if (refusals.Count > 0)
            return new EditOutcome.Invalid(refusals);

        article.NormalizeText();
        article.NormalizePositions();
        // Saving an unchanged form is not a change: no new version, so nobody else's open form goes stale.
        if (ArticleFileWriter.Write(article) == before)
            return new EditOutcome.Saved(article.Id, article.Version);
        var problems = ArticleValidator.Validate(article).Concat(await SlugProblemsAsync(article, cancellationToken)).ToList();
        if (problems.Count > 0)
            return new EditOutcome.Invalid(problems);
        await UseExistingTopicsAsync(article, cancellationToken);

        if (article.Slug != previousSlug && article.PublishedAt is not null)
            await KeepOldSlugWorkingAsync(article, previousSlug, cancellationToken);
        AuditStatusChange(article, previousStatus);

        article.Version++;
        article.UpdatedAt = Now;
        AddRevision(article, description());
        await search.IndexAsync(article, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new EditOutcome.Conflict(articleId, expectedVersion, expectedVersion + 1);
        }
        await transaction.CommitAsync(cancellationToken);
        await readerPages.EvictAsync([previousSlug, article.Slug], previousTopics.Concat(article.Topics.Select(t => t.Id)), cancellationToken);
        return new EditOutcome.Saved(article.Id, article.Version);
    }

    /// <summary>Restores a revision's snapshot as a new save (which itself becomes a revision).</summary>
    public async Task<EditOutcome> RestoreAsync(int articleId, int expectedVersion, int revisionVersion, CancellationToken cancellationToken)
    {
        var snapshot = await db.Revisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.Version == revisionVersion)
            .Select(r => r.Snapshot)
            .SingleOrDefaultAsync(cancellationToken);
        if (snapshot is null)
            return new EditOutcome.NotFound();

        var restored = ArticleFileReader.Read(snapshot, Now);
        if (!restored.Succeeded)
            return new EditOutcome.Invalid(restored.Problems);
        var outcome = await EditAsync(articleId, expectedVersion, $"Restored version {revisionVersion}", article =>
        {
            ReplaceContent(article, restored.Article!);
            return null;
        }, cancellationToken);
        if (outcome is EditOutcome.Saved)
            await audit.RecordAsync(AuditLog.Actions.Restored, $"article “{restored.Article!.Title}” ({restored.Article.Slug})", $"version {revisionVersion}");
        return outcome;
    }

    /// <summary>Replaces an article's whole content with <paramref name="source"/> (restore and import), keeping its identity.</summary>
    public static void ReplaceContent(Article article, Article source)
    {
        article.Slug = source.Slug;
        article.Title = source.Title;
        article.Summary = source.Summary;
        article.AuthorName = source.AuthorName;
        article.AuthorCredentials = source.AuthorCredentials;
        article.HeroImageUrl = source.HeroImageUrl;
        article.HeroImageAlt = source.HeroImageAlt;
        article.HeroImageCaption = source.HeroImageCaption;
        article.Status = source.Status;
        article.PublishedAt = source.PublishedAt;
        article.LastReviewedOn = source.LastReviewedOn;
        article.ReviewedBy = source.ReviewedBy;
        article.NextReviewDue = source.NextReviewDue;
        article.Disclaimer = source.Disclaimer;
        article.Sections.Clear();
        article.Sections.AddRange(source.Sections);
        article.Citations.Clear();
        article.Citations.AddRange(source.Citations);
        article.Topics.Clear();
        article.Topics.AddRange(source.Topics);
    }

    /// <summary>Topics are shared between articles: a topic named again is the existing one (matched by slug), not a copy.</summary>
    private async Task UseExistingTopicsAsync(Article article, CancellationToken cancellationToken)
    {
        var wanted = article.Topics.DistinctBy(t => t.Slug).ToList();
        var slugs = wanted.Select(t => t.Slug).ToList();
        var existing = await db.Topics.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        article.Topics.Clear();
        article.Topics.AddRange(wanted.Select(t => existing.GetValueOrDefault(t.Slug) ?? t));
    }

    public Task<Article?> LoadForEditingAsync(int articleId, CancellationToken cancellationToken) =>
        db.Articles.AsSplitQuery()
            .Include(a => a.Sections.OrderBy(s => s.Position)).ThenInclude(s => s.Facts.OrderBy(f => f.Position))
            .Include(a => a.Sections).ThenInclude(s => s.Causes.OrderBy(c => c.Position))
            .Include(a => a.Citations.OrderBy(c => c.Number))
            .Include(a => a.Topics)
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void AddRevision(Article article, string description) =>
        db.Revisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Version = article.Version,
            CreatedAt = Now,
            Author = editor.Name,
            Description = description.Length <= ContentLimits.ShortText ? description : description[..ContentLimits.ShortText],
            Snapshot = ArticleFileWriter.Write(article),
        });

    private async Task<IEnumerable<ContentProblem>> SlugProblemsAsync(Article article, CancellationToken cancellationToken)
    {
        var takenByArticle = await db.Articles.AnyAsync(a => a.Slug == article.Slug && a.Id != article.Id, cancellationToken);
        var takenByRedirect = await db.SlugRedirects.AnyAsync(r => r.Slug == article.Slug && r.ArticleId != article.Id, cancellationToken);
        return takenByArticle || takenByRedirect
            ? [new ContentProblem("slug", $"\"{article.Slug}\" is already used by another article{(takenByRedirect ? " (as a former address)" : "")}.")]
            : [];
    }

    private async Task KeepOldSlugWorkingAsync(Article article, string previousSlug, CancellationToken cancellationToken)
    {
        // Coming back to a former slug: that address is the article's own again, not a redirect.
        var returning = await db.SlugRedirects.Where(r => r.Slug == article.Slug).ToListAsync(cancellationToken);
        db.SlugRedirects.RemoveRange(returning);
        db.SlugRedirects.Add(new ArticleSlugRedirect { Slug = previousSlug, ArticleId = article.Id });
    }

    private void AuditStatusChange(Article article, ArticleStatus previousStatus)
    {
        if (article.Status == previousStatus)
            return;
        var target = $"article “{article.Title}” ({article.Slug})";
        if (article.Status == ArticleStatus.Published)
            audit.Add(article.PublishedAt > Now ? AuditLog.Actions.Scheduled : AuditLog.Actions.Published, target,
                $"publication at {article.PublishedAt:yyyy-MM-dd HH:mm} UTC");
        else if (previousStatus == ArticleStatus.Published)
            audit.Add(AuditLog.Actions.Unpublished, target);
    }
}

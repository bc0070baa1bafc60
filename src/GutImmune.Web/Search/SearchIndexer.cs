using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>Keeps an article's search entries in step with what readers see of it; runs inside the save that publishes or unpublishes it.</summary>
public sealed class SearchIndexer(GutImmuneDbContext db)
{
    /// <summary>Replaces the article's entries (the article must have its id).</summary>
    public async Task IndexAsync(Article article, CancellationToken cancellationToken)
    {
        await db.SearchEntries.Where(e => e.ArticleId == article.Id).ExecuteDeleteAsync(cancellationToken);
        db.SearchEntries.AddRange(EntriesFor(article));
    }

    /// <summary>Removes the article's entries: it is no longer published.</summary>
    public Task RemoveAsync(int articleId, CancellationToken cancellationToken) =>
        db.SearchEntries.Where(e => e.ArticleId == articleId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Indexes every published article as readers see it (its reader edition): after the search tables are first created
    /// on a database that already has content.
    /// </summary>
    public async Task RebuildAsync(DateTime utcNow, CancellationToken cancellationToken)
    {
        var editions = await db.ReaderEditions.AsNoTracking().Select(e => new { e.ArticleId, e.Snapshot }).ToListAsync(cancellationToken);
        foreach (var edition in editions)
        {
            if (ArticleFileReader.ReadStored(ReaderEdition.ReadSnapshot(edition.Snapshot), utcNow).Article is not { } published)
                continue;
            published.Id = edition.ArticleId;
            await IndexAsync(published, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static IEnumerable<SearchEntry> EntriesFor(Article article)
    {
        yield return new SearchEntry { ArticleId = article.Id, Heading = article.Title, Body = article.Summary };
        foreach (var section in article.Sections)
        {
            yield return new SearchEntry
            {
                ArticleId = article.Id, SectionSlug = section.Slug, Heading = section.Heading, Body = ContentMarkdown.ToPlainText(section.Body),
            };
            foreach (var fact in section.Facts.OrderBy(f => f.Position))
                yield return new SearchEntry
                {
                    ArticleId = article.Id, SectionSlug = section.Slug, Heading = section.Heading, Body = ContentMarkdown.ToPlainText(fact.Text),
                };
            var causes = section.Causes.OrderBy(c => c.Position).ToList();
            var anchors = CauseAnchor.For(section.Slug, causes.Select(c => c.Title));
            for (var i = 0; i < causes.Count; i++)
                yield return new SearchEntry
                {
                    ArticleId = article.Id, SectionSlug = section.Slug, Anchor = anchors[i],
                    Heading = causes[i].Title, Body = ContentMarkdown.ToPlainText(causes[i].Description),
                };
        }
        foreach (var citation in article.Citations)
            yield return new SearchEntry
            {
                ArticleId = article.Id, Anchor = ReferenceAnchor.For(citation.Number), Heading = $"Reference {citation.Number}",
                Body = AmaStyle.FormatText(citation),
            };
    }
}

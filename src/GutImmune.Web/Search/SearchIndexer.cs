using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>Keeps an article's search entries in step with its content; runs inside the save that changes it.</summary>
public sealed class SearchIndexer(GutImmuneDbContext db)
{
    /// <summary>Replaces the article's entries (the article must have its id).</summary>
    public async Task IndexAsync(Article article, CancellationToken cancellationToken)
    {
        await db.SearchEntries.Where(e => e.ArticleId == article.Id).ExecuteDeleteAsync(cancellationToken);
        db.SearchEntries.AddRange(EntriesFor(article));
    }

    /// <summary>Indexes every article: after the search tables are first created on a database that already has content.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Articles.Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var article = await db.Articles.AsNoTracking().AsSplitQuery()
                .Include(a => a.Sections).ThenInclude(s => s.Facts)
                .Include(a => a.Sections).ThenInclude(s => s.Causes)
                .Include(a => a.Citations)
                .SingleAsync(a => a.Id == id, cancellationToken);
            article.Sections.Sort((x, y) => x.Position.CompareTo(y.Position));
            await IndexAsync(article, cancellationToken);
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

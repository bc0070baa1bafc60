using GutImmune.Web.Data;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Caching;

/// <summary>
/// Reader pages are kept in the output cache (never for signed-in staff: output caching skips authenticated requests
/// and responses that set cookies). Each page is tagged with what it shows, so a save evicts exactly those pages.
/// </summary>
public sealed class ReaderPageCache(IOutputCacheStore store, GutImmuneDbContext db, CdnPurge cdn, NextScheduledEdition nextScheduled,
    RepeatedEviction repeated)
{
    /// <summary>Output cache policy of article and section pages and citation downloads.</summary>
    public const string ArticlePolicy = "article-pages";
    /// <summary>Output cache policy of pages that list articles: home, topics, search, sitemap, feed.</summary>
    public const string ListingPolicy = "listing-pages";
    public const string ListingsTag = "listings";

    /// <summary>Lists expire soon so that a scheduled article appears within a minute of its time without an edit.</summary>
    public static readonly TimeSpan ListingLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ArticleLifetime = TimeSpan.FromMinutes(10);

    public static string ArticleTag(string slug) => $"article:{slug}";

    /// <summary>The tag of an article's own pages: every route of <see cref="ArticlePolicy"/> names the article by its slug.</summary>
    public static string ArticleTagOf(HttpContext context) => ArticleTag(context.GetRouteValue("slug") as string ?? "");

    /// <summary>
    /// Evicts what publishing or unpublishing an article changes: its own pages under its old and new slug, every list,
    /// and the pages of articles that show it among their related articles (their editions share a topic); then has the
    /// CDN purge the same tags, and both once more a little later (<see cref="RepeatedEviction"/>). The next scheduled
    /// edition is read again: the change may have scheduled one.
    /// </summary>
    public async Task EvictAsync(IEnumerable<string> slugs, IEnumerable<int> topicIds, CancellationToken cancellationToken)
    {
        nextScheduled.Forget();
        var topics = topicIds.Distinct().ToList();
        var related = topics.Count == 0
            ? []
            : await db.ReaderEditions.AsNoTracking().Where(e => e.Topics.Any(t => topics.Contains(t.Id))).Select(e => e.Slug).ToListAsync(cancellationToken);
        await EvictTagsAsync(slugs.Concat(related).Distinct().Select(ArticleTag).Append(ListingsTag).ToList(), cancellationToken);
    }

    /// <summary>
    /// Evicts the pages tagged with any of <paramref name="tags"/> (e.g. <see cref="PeopleDirectory.CacheTag"/> after a
    /// profile save), has the CDN purge the same tags (its pages carry them as Surrogate-Key), and both once more a little
    /// later (<see cref="RepeatedEviction"/>).
    /// </summary>
    public async Task EvictTagsAsync(IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
            await store.EvictByTagAsync(tag, cancellationToken);
        await cdn.PurgeAsync(tags);
        repeated.Schedule(tags);
    }
}

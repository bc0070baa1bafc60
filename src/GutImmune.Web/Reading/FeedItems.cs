namespace GutImmune.Web.Reading;

// What the feed and the sitemaps list: only what readers may see (ArticleReader decides), no entities.

public sealed record FeedEntry(string Slug, string Title, string Summary, string AuthorName, DateTime PublishedAt, DateTime UpdatedAt);

public sealed record SitemapArticle(string Slug, DateTime UpdatedAt, IReadOnlyList<string> SectionSlugs);

/// <summary>A topic with at least one article readers can see, and when the newest of those changed.</summary>
public sealed record SitemapTopic(string Slug, DateTime UpdatedAt);

/// <summary>How many articles readers can see, and when the newest of them changed (null when there are none).</summary>
public sealed record SitemapSize(int Articles, DateTime? NewestUpdate);

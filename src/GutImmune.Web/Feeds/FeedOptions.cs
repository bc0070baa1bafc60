using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Feeds;

/// <summary>The `Feeds` section of appsettings.json.</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>Articles per sitemap file: with their sections far below the protocol's 50,000 URLs.</summary>
    [Range(1, 50_000)]
    public int ArticlesPerSitemap { get; set; } = 1000;
}

using System.Text.Json.Serialization;
using GutImmune.Web.People;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.OutputCaching;

namespace GutImmune.Web.Caching;

/// <summary>
/// The credits of an article's header, kept per names on it (author and credentials, reviewer and review date): every
/// article with the same names has the same credits, so a page that misses the output cache and its kept surroundings
/// does not look its people up. Kept in the output cache's store and tagged as <see cref="ArticleSurroundingsCache"/>'s
/// entries are, so the same changes evict them (any profile saved), on every instance when the store is Redis.
/// </summary>
public sealed class ArticleCreditsCache(IOutputCacheStore store) : IDisposable
{
    /// <summary>Deserialised entries, counted by their JSON's size: a few hundred bytes each, one per set of names read.</summary>
    private readonly KeptEntries<ArticleCredits> _kept = new(store, ArticleCreditsJson.Default.ArticleCredits, 1024 * 1024);

    /// <summary>The credits of <paramref name="header"/>; <paramref name="build"/> looks its people up when none are kept.</summary>
    public Task<ArticleCredits> GetAsync(ArticleHeader header, Func<CancellationToken, Task<ArticleCredits>> build, CancellationToken cancellationToken) =>
        _kept.GetAsync(
            $"article-credits\u001e{header.AuthorName}\u001e{header.AuthorCredentials}\u001e{header.ReviewedBy}\u001e{header.LastReviewedOn?.DayNumber}",
            _ => true, build, built => built, cancellationToken);

    public void Dispose() => _kept.Dispose();
}

[JsonSerializable(typeof(ArticleCredits))]
internal sealed partial class ArticleCreditsJson : JsonSerializerContext;

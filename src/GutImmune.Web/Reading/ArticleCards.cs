using System.Linq.Expressions;
using GutImmune.Web.Data;
using GutImmune.Web.Media;

namespace GutImmune.Web.Reading;

/// <summary>
/// Reader editions as cards (home, topics, related articles, people): the one projection of an edition's card fields,
/// and its hero picture from the media library, read for a whole list in one query.
/// </summary>
public static class ArticleCards
{
    public sealed record Row(string Slug, string Title, string Summary, string AuthorName, string? AuthorCredentials, DateTime PublishedAt,
        DateTime UpdatedAt, DateOnly? LastReviewedOn, int? HeroMediaId);

    public static readonly Expression<Func<ReaderEdition, Row>> Project = e =>
        new Row(e.Slug, e.Title, e.Summary, e.AuthorName, e.AuthorCredentials, e.PublishedAt, e.UpdatedAt, e.LastReviewedOn, e.HeroMediaId);

    /// <summary>The cards of <paramref name="rows"/>, in their order, each with its hero when the library still has it with alt text.</summary>
    public static async Task<List<ArticleListItem>> ToCardsAsync(this IReadOnlyList<Row> rows, GutImmuneDbContext db, CancellationToken cancellationToken)
    {
        var pictures = await MediaPictures.UsableAsync(db, rows.Select(r => r.HeroMediaId), cancellationToken);
        return rows.Select(r => new ArticleListItem(r.Slug, r.Title, r.Summary,
            r.AuthorCredentials is null ? r.AuthorName : $"{r.AuthorName}, {r.AuthorCredentials}", r.PublishedAt, r.UpdatedAt, r.LastReviewedOn)
        {
            Image = r.HeroMediaId is { } id ? pictures.GetValueOrDefault(id) : null,
        }).ToList();
    }
}

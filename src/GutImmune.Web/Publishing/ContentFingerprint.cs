using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Media;

namespace GutImmune.Web.Publishing;

/// <summary>
/// What a review sign-off is bound to: the SHA-256 of the article file with the workflow and review fields left out
/// (status, publication and update times, review details), so that saves which change no content (a sign-off, a status
/// change) keep the sign-off, while any change to what readers read needs a new one. That includes what the article
/// shows of the library images it refers to (alt text, caption, credit, licence, crop, the image itself): those are
/// edited in the media library, not in the article, yet readers see them on its page.
/// </summary>
public static class ContentFingerprint
{
    /// <summary>The fingerprint of <paramref name="article"/> with its library images as they are now.</summary>
    public static async Task<string> OfAsync(GutImmuneDbContext db, Article article, CancellationToken cancellationToken) =>
        Of(article, await PicturesAsync(db, article, cancellationToken));

    /// <summary>The library images <paramref name="article"/> may show, to give <see cref="Of"/> where it cannot query.</summary>
    public static Task<Dictionary<int, MediaPicture>> PicturesAsync(GutImmuneDbContext db, Article article, CancellationToken cancellationToken) =>
        PicturesAsync(db, [article], cancellationToken);

    /// <summary>The library images any of <paramref name="articles"/> may show, in one query (<see cref="Of"/> ignores those an article does not refer to).</summary>
    public static Task<Dictionary<int, MediaPicture>> PicturesAsync(GutImmuneDbContext db, IEnumerable<Article> articles, CancellationToken cancellationToken) =>
        MediaPictures.UsableAsync(db, articles.SelectMany(MediaReference.IdsIn).Select(id => (int?)id), cancellationToken);

    /// <summary>
    /// The fingerprint of <paramref name="article"/> showing <paramref name="pictures"/> (by id; those it does not refer to
    /// are ignored). An article without library images has the fingerprint it had before images were part of it.
    /// </summary>
    public static string Of(Article article, IReadOnlyDictionary<int, MediaPicture> pictures)
    {
        var file = ArticleFileWriter.ToFile(article);
        file.Status = null;
        file.PublishedAt = null;
        file.UpdatedAt = null;
        file.LastReviewedOn = null;
        file.ReviewedBy = null;
        file.NextReviewDue = null;
        var json = JsonSerializer.SerializeToUtf8Bytes(file, ArticleFile.JsonOptions);
        var ids = MediaReference.IdsIn(article).Distinct().Order().ToList();
        if (ids.Count == 0)
            return Convert.ToHexStringLower(SHA256.HashData(json));
        // An image referred to but not shown (unknown, or without alt text) counts as such: should it become usable, that is a change.
        var shown = ids.Select(id => pictures.GetValueOrDefault(id) is { } p
            ? new ShownImage(id, p.Fingerprint, p.Alt, p.Caption, p.Credit, p.Licence, p.FocalX, p.FocalY)
            : new ShownImage(id, null, null, null, null, null, null, null));
        var images = JsonSerializer.SerializeToUtf8Bytes(shown.ToList(), ArticleFile.JsonOptions);
        return Convert.ToHexStringLower(SHA256.HashData([.. json, .. "\nimages:"u8, .. images]));
    }

    private sealed record ShownImage(int Id, string? Fingerprint, string? Alt, string? Caption, string? Credit, string? Licence, int? FocalX, int? FocalY);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;

namespace GutImmune.Web.Publishing;

/// <summary>
/// What a review sign-off is bound to: the SHA-256 of the article file with the workflow and review fields left out
/// (status, publication and update times, review details), so that saves which change no content (a sign-off, a status
/// change) keep the sign-off, while any change to what readers read needs a new one.
/// </summary>
public static class ContentFingerprint
{
    public static string Of(Article article)
    {
        var file = ArticleFileWriter.ToFile(article);
        file.Status = null;
        file.PublishedAt = null;
        file.UpdatedAt = null;
        file.LastReviewedOn = null;
        file.ReviewedBy = null;
        file.NextReviewDue = null;
        var json = JsonSerializer.SerializeToUtf8Bytes(file, ArticleFile.JsonOptions);
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}

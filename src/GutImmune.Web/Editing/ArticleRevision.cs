using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;

namespace GutImmune.Web.Editing;

/// <summary>
/// A full snapshot of an article (in the article file format) as one save left it, stored Brotli-compressed, with the
/// article's status and review as they were, which decide whether the revision may ever be dropped.
/// </summary>
public class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article's <c>Version</c> this save produced.</summary>
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Author { get; set; }
    /// <summary>What the save did, e.g. "Edited fact 3 of Interesting Facts".</summary>
    public required string Description { get; set; }

    /// <summary>The article's status in this revision; null only on rows a release before RevisionStorage wrote during an upgrade.</summary>
    public ArticleStatus? Status { get; private set; }
    public DateOnly? LastReviewedOn { get; private set; }
    public string? ReviewedBy { get; private set; }

    /// <summary>The snapshot's UTF-8 JSON, Brotli-compressed.</summary>
    public byte[]? CompressedSnapshot { get; private set; }
    /// <summary>The snapshot as plain JSON, as releases before RevisionStorage wrote it; null on rows written since.</summary>
    public string? UncompressedSnapshot { get; private set; }

    /// <summary>
    /// The ids of the snapshot's references in the order of their numbers (the article file carries no ids), so that a
    /// reference is followed from revision to revision by what it is, not by what it says; null on rows written before
    /// ReferenceIds, and 0 for a reference the save added, until <see cref="RecordReferenceIds"/> is given its id.
    /// </summary>
    public List<int>? ReferenceIds { get; private set; }

    /// <summary>
    /// Brotli's quality 5, as every save pays it: on the seed article's snapshot (12 KB of JSON) it gives the same size as
    /// quality 9 (4.1 KB) in 0.5 ms instead of 22 ms (quality 9 sets up far larger match finders than such a text needs).
    /// </summary>
    private const int Quality = 5;

    public static ArticleRevision Of(Article article, DateTime at, string author, string description) => new()
    {
        ArticleId = article.Id,
        Version = article.Version,
        CreatedAt = at,
        Author = author,
        Description = description.Length <= ContentLimits.ShortText ? description : description[..ContentLimits.ShortText],
        Status = article.Status,
        LastReviewedOn = article.LastReviewedOn,
        ReviewedBy = article.ReviewedBy,
        CompressedSnapshot = Compress(ArticleFileWriter.Write(article)),
        ReferenceIds = IdsOf(article),
    };

    /// <summary>
    /// Records the ids the references of <paramref name="article"/> have once saved (a reference the save added has none
    /// before); answers whether any changed.
    /// </summary>
    public bool RecordReferenceIds(Article article)
    {
        var ids = IdsOf(article);
        if (ReferenceIds is not null && ReferenceIds.SequenceEqual(ids))
            return false;
        ReferenceIds = ids;
        return true;
    }

    private static List<int> IdsOf(Article article) => [.. article.Citations.OrderBy(c => c.Number).Select(c => c.Id)];

    /// <summary>
    /// The snapshot as an article (without ids but its references'), read as it was saved (<see cref="ArticleFileReader.ReadStored"/>)
    /// at <paramref name="now"/>; null when it cannot be read.
    /// </summary>
    public Article? ReadArticle(DateTime now)
    {
        var article = ArticleFileReader.ReadStored(ReadSnapshot(), now).Article;
        if (article is not null && ReferenceIds is { } ids && ids.Count == article.Citations.Count)
            foreach (var (citation, id) in article.Citations.OrderBy(c => c.Number).Zip(ids))
                citation.Id = id;
        return article;
    }

    /// <summary>The snapshot as article-file JSON, whichever way the row holds it.</summary>
    public string ReadSnapshot() => CompressedSnapshot is { } compressed ? Decompress(compressed)
        : UncompressedSnapshot ?? throw new InvalidOperationException($"Revision {Id} holds no snapshot.");

    /// <summary>Stores a snapshot written before RevisionStorage compressed, as every revision since is.</summary>
    public void CompressSnapshot()
    {
        if (UncompressedSnapshot is null)
            return;
        CompressedSnapshot = Compress(UncompressedSnapshot);
        UncompressedSnapshot = null;
    }

    private static byte[] Compress(string json) => BrotliText.Compress(json, Quality);

    private static string Decompress(byte[] compressed) => BrotliText.Decompress(compressed);
}

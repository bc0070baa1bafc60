using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Editing;

/// <summary>The saved versions of an article, readable differences between them, and how long they are kept.</summary>
public sealed class RevisionHistory(GutImmuneDbContext db, IOptions<RevisionOptions> options)
{
    public sealed record Entry(int Version, DateTime At, string Author, string Description);

    public enum LineChange { Unchanged, Added, Removed }

    public sealed record DiffLine(LineChange Change, string Text);

    /// <summary>Changed lines with a little unchanged context around them; null entries stand for skipped unchanged lines.</summary>
    public sealed record Comparison(int ArticleId, string ArticleTitle, Entry From, Entry To, IReadOnlyList<DiffLine?> Lines)
    {
        public bool HasChanges => Lines.Any(l => l is { Change: not LineChange.Unchanged });
    }

    public async Task<IReadOnlyList<Entry>> ListAsync(int articleId, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Version)
            .Select(r => new Entry(r.Version, r.CreatedAt, r.Author, r.Description)).ToListAsync(cancellationToken);

    /// <summary>
    /// Adds the revision a save produced (call it inside the save's transaction) and, when <see cref="RevisionOptions.KeepLatest"/>
    /// is set, drops the article's revisions older than the latest ones kept that were never published and sign off no review.
    /// </summary>
    public async Task<ArticleRevision> AddAsync(Article article, DateTime at, string author, string description, CancellationToken cancellationToken)
    {
        var revision = ArticleRevision.Of(article, at, author, description);
        db.Revisions.Add(revision);
        if (options.Value.KeepLatest is { } keepLatest)
            await DropOldDraftsAsync(article.Id, upToVersion: article.Version - keepLatest, cancellationToken);
        await CompressOldSnapshotsAsync(article.Id, cancellationToken);
        return revision;
    }

    /// <summary>How many plain-JSON revisions (from before RevisionStorage) one save compresses, so that no save waits long for it.</summary>
    private const int OldSnapshotsCompressedPerSave = 20;

    private async Task CompressOldSnapshotsAsync(int articleId, CancellationToken cancellationToken)
    {
        var old = await db.Revisions.Where(r => r.ArticleId == articleId && r.UncompressedSnapshot != null)
            .OrderBy(r => r.Version).Take(OldSnapshotsCompressedPerSave).ToListAsync(cancellationToken);
        foreach (var revision in old)
            revision.CompressSnapshot();
    }

    /// <summary>The snapshot (article-file JSON) of one revision, or null when there is no such revision.</summary>
    public async Task<string?> SnapshotAsync(int articleId, int version, CancellationToken cancellationToken) =>
        (await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Version == version, cancellationToken))
            ?.ReadSnapshot();

    /// <summary>
    /// The article as one revision left it, without ids but its references' (<see cref="ArticleRevision.ReadArticle"/>), or
    /// null when there is no such revision.
    /// </summary>
    public async Task<Article?> VersionAsync(int articleId, int version, DateTime now, CancellationToken cancellationToken) =>
        (await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Version == version, cancellationToken))
            ?.ReadArticle(now);

    /// <summary>
    /// The articles as the revisions after <paramref name="afterVersion"/> and before <paramref name="beforeVersion"/> left
    /// them (as <see cref="VersionAsync"/> reads them), oldest first; a revision dropped since (<see cref="RevisionOptions.KeepLatest"/>) is missing.
    /// </summary>
    public async Task<IReadOnlyList<(int Version, Article Article)>> VersionsBetweenAsync(int articleId, int afterVersion, int beforeVersion,
        DateTime now, CancellationToken cancellationToken) =>
        (await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId && r.Version > afterVersion && r.Version < beforeVersion)
            .OrderBy(r => r.Version).ToListAsync(cancellationToken))
        .Select(r => (r.Version, r.ReadArticle(now)!)).ToList();

    private sealed record RetentionFacts(int Id, ArticleStatus? Status, DateOnly? LastReviewedOn, string? ReviewedBy)
    {
        /// <summary>
        /// Never live for readers (a scheduled publication counts as live), not the revision that signed off a review and not
        /// the one that requested changes (it takes back the sign-offs before it: ReviewSignOff.Standing).
        /// A revision without a status (written by the previous release during an upgrade) is kept, as nothing is known of it.
        /// </summary>
        public bool MayBeDropped(RetentionFacts? previous) =>
            Status is not null and not ArticleStatus.Published && !SignsOffReviewAfter(previous)
            && !(Status == ArticleStatus.ChangesRequested && previous?.Status != ArticleStatus.ChangesRequested);

        private bool SignsOffReviewAfter(RetentionFacts? previous) =>
            (LastReviewedOn is not null || ReviewedBy is not null)
            && (LastReviewedOn != previous?.LastReviewedOn || ReviewedBy != previous?.ReviewedBy);
    }

    private async Task DropOldDraftsAsync(int articleId, int upToVersion, CancellationToken cancellationToken)
    {
        if (upToVersion < 1)
            return;
        // Every older revision, not only those past the cut, as a sign-off is told from the revision before it.
        var older = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId && r.Version <= upToVersion)
            .OrderBy(r => r.Version).Select(r => new RetentionFacts(r.Id, r.Status, r.LastReviewedOn, r.ReviewedBy))
            .ToListAsync(cancellationToken);
        var dropped = older.Where((r, i) => r.MayBeDropped(i == 0 ? null : older[i - 1])).Select(r => r.Id).ToList();
        if (dropped.Count > 0)
            await db.Revisions.Where(r => dropped.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<Comparison?> CompareAsync(int articleId, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.Version == fromVersion || r.Version == toVersion))
            .ToListAsync(cancellationToken);
        var from = revisions.Find(r => r.Version == fromVersion);
        var to = revisions.Find(r => r.Version == toVersion);
        var title = await db.Articles.Where(a => a.Id == articleId).Select(a => a.Title).SingleOrDefaultAsync(cancellationToken);
        if (from is null || to is null || title is null)
            return null;

        string fromSnapshot = from.ReadSnapshot(), toSnapshot = to.ReadSnapshot();
        var heroes = new[] { fromSnapshot, toSnapshot }.Select(s => ReadFile(s).HeroImage?.MediaId).OfType<int>().Distinct().ToList();
        var imageNames = (await db.MediaImages.AsNoTracking().Where(m => heroes.Contains(m.Id))
                .Select(m => new { m.Id, m.AltText, m.FileName }).ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id, m => m.AltText is null ? $"{m.FileName} (image {m.Id})" : $"“{m.AltText}” ({m.FileName}, image {m.Id})");
        var diff = InlineDiffBuilder.Diff(ReadableText(fromSnapshot, imageNames), ReadableText(toSnapshot, imageNames), ignoreWhiteSpace: false);
        var lines = diff.Lines.Select(l => new DiffLine(
            l.Type switch { ChangeType.Inserted => LineChange.Added, ChangeType.Deleted => LineChange.Removed, _ => LineChange.Unchanged },
            l.Text)).ToList();
        return new Comparison(articleId, title, ToEntry(from), ToEntry(to), WithContext(lines, context: 2));
    }

    private static Entry ToEntry(ArticleRevision r) => new(r.Version, r.CreatedAt, r.Author, r.Description);

    private static List<DiffLine?> WithContext(List<DiffLine> lines, int context)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Change == LineChange.Unchanged)
                continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++)
                keep[j] = true;
        }
        var result = new List<DiffLine?>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
                result.Add(lines[i]);
            else if (result.Count == 0 || result[^1] is not null)
                result.Add(null);
        }
        return result;
    }

    /// <summary>An article snapshot as lines a person can compare: headings, fields, facts, causes, references.</summary>
    /// <param name="imageNames">Library images by id, as editors know them (alt text and file name); an image not there is shown by its number.</param>
    internal static string ReadableText(string snapshot, IReadOnlyDictionary<int, string> imageNames)
    {
        var file = ReadFile(snapshot);
        var text = new StringBuilder();
        void Line(string label, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } s)
                text.Append(label).Append(": ").AppendLine(s.ReplaceLineEndings(" ⏎ "));
        }
        Line("Title", file.Title);
        Line("Slug", file.Slug);
        Line("Summary", file.Summary);
        Line("Author", file.Author?.Name);
        Line("Credentials", file.Author?.Credentials);
        Line("Status", file.Status);
        Line("Published", file.PublishedAt?.ToString("yyyy-MM-dd HH:mm"));
        Line("Last reviewed", file.LastReviewedOn);
        Line("Reviewed by", file.ReviewedBy);
        Line("Next review due", file.NextReviewDue);
        Line("Image", file.HeroImage?.Url);
        Line("Image alt text", file.HeroImage?.Alt);
        Line("Image caption", file.HeroImage?.Caption);
        Line("Hero image (media library)", file.HeroImage?.MediaId is { } hero
            ? imageNames.GetValueOrDefault(hero) ?? $"image {hero} (no longer in the library)"
            : null);
        foreach (var section in file.Sections ?? [])
        {
            text.AppendLine().Append("## ").Append(section.Heading).Append(" (").Append(section.Slug).Append(", ").Append(section.Kind).AppendLine(")");
            foreach (var paragraph in (section.Body ?? "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
                text.AppendLine(paragraph.ReplaceLineEndings(" ⏎ "));
            foreach (var fact in section.Facts ?? [])
                text.Append("- ").AppendLine(fact.ReplaceLineEndings(" ⏎ "));
            foreach (var cause in section.Causes ?? [])
                text.Append("### ").AppendLine(cause.Title).AppendLine((cause.Description ?? "").ReplaceLineEndings(" ⏎ "));
        }
        text.AppendLine().AppendLine("## References");
        foreach (var c in file.Citations ?? [])
            text.Append('[').Append(c.Number).Append("] ").AppendLine(AmaStyle.FormatText(c.ToCitation()));
        Line("\nDisclaimer", file.Disclaimer);
        return text.ToString();
    }

    private static ArticleFile ReadFile(string snapshot) => System.Text.Json.JsonSerializer.Deserialize<ArticleFile>(snapshot, ArticleFile.JsonOptions)!;
}

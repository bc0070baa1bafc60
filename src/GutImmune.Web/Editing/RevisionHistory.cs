using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>The saved versions of an article and readable differences between them.</summary>
public sealed class RevisionHistory(GutImmuneDbContext db)
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

        var diff = InlineDiffBuilder.Diff(ReadableText(from.Snapshot), ReadableText(to.Snapshot), ignoreWhiteSpace: false);
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
    internal static string ReadableText(string snapshot)
    {
        var file = System.Text.Json.JsonSerializer.Deserialize<ArticleFile>(snapshot, ArticleFile.JsonOptions)!;
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
            text.AppendLine($"[{c.Number}] {c.Authors} {c.Title}. {c.Source}. {c.Year} {c.DateDetail};{c.Volume}({c.Issue}):{c.Pages} doi:{c.Doi} pmid:{c.Pmid} {c.Url} accessed:{c.AccessedOn}");
        Line("\nDisclaimer", file.Disclaimer);
        return text.ToString();
    }
}

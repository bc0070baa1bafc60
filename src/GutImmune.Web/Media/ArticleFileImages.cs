using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Media;

/// <summary>
/// The library images of an article file, described so that another site finds its own copy of each: an export
/// describes every image the article refers to; an import puts the id of this site's copy in place of the file's number
/// (heroImage.mediaId and every `media:N`), or is refused when the library has none. A copy is the image uploaded from
/// the same bytes (<see cref="MediaImage.UploadHash"/>), else one with the same cleaned original
/// (<see cref="MediaImage.Fingerprint"/>, all that identifies an image uploaded before uploads were hashed).
/// </summary>
public sealed class ArticleFileImages(GutImmuneDbContext db)
{
    /// <summary>The images <paramref name="article"/> refers to, in the order it first does; null when none.</summary>
    public async Task<List<ArticleFile.ImagePart>?> DescribeAsync(Article article, CancellationToken cancellationToken)
    {
        var ids = MediaReference.IdsIn(article).Distinct().ToList();
        if (ids.Count == 0)
            return null;
        var images = await db.MediaImages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new ArticleFile.ImagePart { MediaId = m.Id, UploadHash = m.UploadHash, Fingerprint = m.Fingerprint, Alt = m.AltText, FileName = m.FileName })
            .ToListAsync(cancellationToken);
        return images.Count == 0 ? null : images.OrderBy(image => ids.IndexOf(image.MediaId!.Value)).ToList();
    }

    /// <summary>
    /// Gives <paramref name="imported"/> this site's ids for the images <paramref name="described"/> (a file's images,
    /// as read); or the problems, on each field that refers to an image this library lacks.
    /// </summary>
    public async Task<IReadOnlyList<ContentProblem>> ResolveAsync(Article imported, IReadOnlyList<ArticleFile.ImagePart> described,
        CancellationToken cancellationToken)
    {
        if (described.Count == 0)
            return [];
        var used = MediaReference.IdsIn(imported).ToHashSet();
        var wanted = described.Where(image => used.Contains(image.MediaId!.Value)).ToList();
        if (wanted.Count == 0)
            return [];
        var hashes = wanted.Select(image => image.UploadHash?.ToLowerInvariant()).OfType<string>().ToList();
        var fingerprints = wanted.Select(image => image.Fingerprint?.ToLowerInvariant()).OfType<string>().ToList();
        var copies = await db.MediaImages.AsNoTracking()
            .Where(m => (m.UploadHash != null && hashes.Contains(m.UploadHash)) || fingerprints.Contains(m.Fingerprint))
            .Select(m => new { m.Id, m.UploadHash, m.Fingerprint }).ToListAsync(cancellationToken);

        var local = new Dictionary<int, int>();
        var missing = new Dictionary<int, ArticleFile.ImagePart>();
        foreach (var image in wanted)
        {
            var number = image.MediaId!.Value;
            var (hash, fingerprint) = (image.UploadHash?.ToLowerInvariant(), image.Fingerprint?.ToLowerInvariant());
            // Of several images with the same cleaned original, the one at the file's number: an export imported on its own site changes nothing.
            var copy = copies.FirstOrDefault(c => hash is not null && c.UploadHash == hash)
                ?? copies.Where(c => c.Fingerprint == fingerprint).OrderBy(c => c.Id != number).ThenBy(c => c.Id).FirstOrDefault();
            if (copy is null)
                missing[number] = image;
            else
                local[number] = copy.Id;
        }
        if (missing.Count > 0)
            return Missing(imported, missing);

        var renumbered = local.Where(n => n.Key != n.Value).ToDictionary();
        if (renumbered.Count == 0)
            return [];
        if (imported.HeroMediaId is { } hero)
            imported.HeroMediaId = renumbered.GetValueOrDefault(hero, hero);
        var problems = new List<ContentProblem>();
        foreach (var field in imported.MarkdownFields().Where(f => f.Text.Contains(MediaReference.Prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (!MediaReference.IdsIn(field.Text).Any(renumbered.ContainsKey))
                continue;
            if (ContentMarkdown.RenumberMedia(field.Text, renumbered) is { } text)
                field.Update(text);
            else
                problems.Add(new(field.Place, "an image address here is written with an entity or an escape, so it cannot be given this site's number: write it as media:N."));
        }
        return problems;
    }

    private static List<ContentProblem> Missing(Article imported, Dictionary<int, ArticleFile.ImagePart> missing)
    {
        const string Advice = "is not in this site's media library: upload it to the library first, then import the file again.";
        var problems = new List<ContentProblem>();
        if (imported.HeroMediaId is { } hero && missing.TryGetValue(hero, out var heroImage))
            problems.Add(new(new ContentPlace.ArticleField(ArticlePart.HeroImageMediaId), $"The hero image{Named(heroImage)} {Advice}"));
        foreach (var (place, text) in MediaReference.Texts(imported))
            foreach (var id in MediaReference.IdsIn(text).Distinct().Where(missing.ContainsKey))
                problems.Add(new(place, $"the image media:{id}{Named(missing[id])} {Advice}"));
        return problems;
    }

    /// <summary>" “alt text” (file.jpg)": the image as the library it came from described it, for its editors to find it.</summary>
    private static string Named(ArticleFile.ImagePart image) =>
        (string.IsNullOrWhiteSpace(image.Alt) ? "" : $" “{image.Alt.Trim()}”") + (string.IsNullOrWhiteSpace(image.FileName) ? "" : $" ({image.FileName.Trim()})");
}

using System.Security.Cryptography;
using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.People;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Media;

/// <summary>An image's details as an editor sets them.</summary>
public sealed record MediaDetails(string? AltText, string? Caption, string? Credit, string? Licence, int FocalX, int FocalY);

public sealed record MediaRow(int Id, string Fingerprint, string FileName, int Width, int Height, string? AltText, DateTime UploadedAt)
{
    public string ThumbnailUrl => Renditions.Url(Fingerprint, Renditions.WidthsFor(Width)[0], RenditionFormat.Jpeg);
}

/// <summary>A place an image is used: an article or a person's profile (<see cref="IsProfile"/>), and where in it.</summary>
public sealed record MediaUse(int Id, string Title, string Where)
{
    /// <summary>True when <see cref="Id"/> and <see cref="Title"/> are a profile's id and name, not an article's.</summary>
    public bool IsProfile { get; init; }
}

public sealed record EditableMedia(MediaRow Image, MediaDetails Details, int Version, IReadOnlyList<MediaUse> Uses);

/// <summary>What an upload or a save of an image came to.</summary>
public abstract record MediaSave
{
    public sealed record Saved(int Id, string FileName) : MediaSave;
    public sealed record Missing : MediaSave;
    public sealed record Refused(string Field, string Message) : MediaSave;
    public sealed record Conflict : MediaSave;
    public sealed record InUse(IReadOnlyList<MediaUse> Uses) : MediaSave;
    /// <summary>The upload is an image the library already has (item <paramref name="Id"/>): nothing was added or changed.</summary>
    public sealed record AlreadyInLibrary(int Id, string FileName) : MediaSave;
}

/// <summary>
/// The media library's one write path (upload, details, delete) and its queries: the list, where an image is used, and
/// the pictures an article's rendering needs.
/// </summary>
public sealed class MediaLibrary(GutImmuneDbContext db, IMediaStore store, AuditLog audit, TimeProvider clock, CurrentEditor editor,
    ReaderPageCache readerPages, ILogger<MediaLibrary> logger)
{
    /// <summary>One image is processed at a time per instance: a 40-megapixel decode holds a few hundred MB.</summary>
    private static readonly SemaphoreSlim Processing = new(1, 1);

    public async Task<IReadOnlyList<MediaRow>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        var query = db.MediaImages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(m => m.FileName.Contains(term) || (m.AltText != null && m.AltText.Contains(term))
                || (m.Caption != null && m.Caption.Contains(term)) || (m.Credit != null && m.Credit.Contains(term)));
        }
        return await query.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(200).Select(Row).ToListAsync(cancellationToken);
    }

    /// <summary>Images that may be used (they have alt text), for choosing one.</summary>
    public async Task<IReadOnlyList<(int Id, string Label)>> UsableChoicesAsync(CancellationToken cancellationToken) =>
        (await db.MediaImages.AsNoTracking().Where(m => m.AltText != null).OrderBy(m => m.AltText)
            .Select(m => new { m.Id, m.AltText, m.FileName }).ToListAsync(cancellationToken))
            .Where(m => TextCharacters.HasVisible(m.AltText)).Select(m => (m.Id, $"{m.AltText} ({m.FileName}, image {m.Id})")).ToList();

    public async Task<EditableMedia?> GetForEditingAsync(int id, CancellationToken cancellationToken)
    {
        var image = await db.MediaImages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (image is null)
            return null;
        return new EditableMedia(Row.Compile()(image),
            new MediaDetails(image.AltText, image.Caption, image.Credit, image.Licence, image.FocalX, image.FocalY), image.Version,
            await UsesAsync(id, cancellationToken));
    }

    /// <summary>
    /// Adds an uploaded image, unless the library has it: the same file (by <see cref="MediaImage.UploadHash"/>), or, for an
    /// image uploaded before uploads were hashed, the same cleaned original (which then takes this upload's hash).
    /// </summary>
    public async Task<MediaSave> UploadAsync(string fileName, byte[] content, MediaDetails details, CancellationToken cancellationToken)
    {
        if (DetailsProblem(details) is { } problem)
            return problem;
        var uploadHash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await UploadedAsAsync(uploadHash, cancellationToken) is { } uploadedBefore)
            return uploadedBefore;
        ProcessedImage processed;
        await Processing.WaitAsync(cancellationToken);
        try
        {
            processed = await Task.Run(() => ImageProcessing.Process(content), cancellationToken);
        }
        catch (ImageProcessing.Refused refused)
        {
            if (refused.Detail is not null)
                logger.LogInformation("Upload of {FileName} refused: {Reason} (libvips: {Detail})", Path.GetFileName(fileName), refused.Message, refused.Detail);
            return new MediaSave.Refused("File", refused.Message);
        }
        finally
        {
            Processing.Release();
        }
        // An image uploaded before uploads were hashed (the MediaUploadHash migration) is known by its cleaned original.
        var unhashed = await db.MediaImages.Where(m => m.Fingerprint == processed.Fingerprint && m.UploadHash == null)
            .OrderBy(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (unhashed is not null)
        {
            unhashed.UploadHash = uploadHash;
            return await SaveUploadAsync(uploadHash, () => new MediaSave.AlreadyInLibrary(unhashed.Id, unhashed.FileName), cancellationToken);
        }

        // The files first: a row is never there without them. Two files of the same picture (with other metadata) share them.
        foreach (var (width, format, bytes) in processed.Renditions)
            await store.PutAsync(Renditions.Key(processed.Fingerprint, width, format), bytes, Renditions.ContentType(format), cancellationToken);
        await store.PutAsync(Renditions.OriginalKey(processed.Fingerprint, processed.Format), processed.Original,
            $"image/{processed.Format.ToString().ToLowerInvariant()}", cancellationToken);

        var name = TextCharacters.ForStoredText(Path.GetFileName(fileName.Trim())).Trim();
        var image = new MediaImage
        {
            Fingerprint = processed.Fingerprint,
            UploadHash = uploadHash,
            Format = processed.Format,
            Width = processed.Width,
            Height = processed.Height,
            ByteSize = processed.Original.Length,
            FileName = string.IsNullOrEmpty(name) ? "image" : name[..Math.Min(name.Length, MediaImage.MaxTextLength)],
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = editor.Name,
            Version = 1,
        };
        Apply(image, details);
        db.MediaImages.Add(image);
        audit.Add(AuditLog.Actions.MediaUploaded, $"image “{image.FileName}”", $"{image.Width} × {image.Height}");
        return await SaveUploadAsync(uploadHash, () => new MediaSave.Saved(image.Id, image.FileName), cancellationToken);
    }

    private async Task<MediaSave.AlreadyInLibrary?> UploadedAsAsync(string uploadHash, CancellationToken cancellationToken) =>
        await db.MediaImages.AsNoTracking().Where(m => m.UploadHash == uploadHash)
            .Select(m => new MediaSave.AlreadyInLibrary(m.Id, m.FileName)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Saves what an upload added or hashed; when the same file's upload saved its hash first (two at once: the unique
    /// index refuses the second), the answer is that upload's image, and nothing of this one is kept.
    /// </summary>
    private async Task<MediaSave> SaveUploadAsync(string uploadHash, Func<MediaSave> answer, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return answer();
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            db.ChangeTracker.Clear();
            if (await UploadedAsAsync(uploadHash, cancellationToken) is { } first)
                return first;
            throw;
        }
    }

    public async Task<MediaSave> UpdateAsync(int id, MediaDetails details, int version, CancellationToken cancellationToken)
    {
        var image = await db.MediaImages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (image is null)
            return new MediaSave.Missing();
        if (image.Version != version)
            return new MediaSave.Conflict();
        if (DetailsProblem(details) is { } problem)
            return problem;
        if (!TextCharacters.HasVisible(details.AltText) && (await UsesAsync(id, cancellationToken)).Count > 0)
            return new MediaSave.Refused(nameof(MediaDetails.AltText), "The image is in use, so it needs its alt text: describe what it shows.");
        Apply(image, details);
        image.Version = version + 1;
        audit.Add(AuditLog.Actions.MediaChanged, $"image “{image.FileName}”", image.AltText);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new MediaSave.Conflict();
        }
        await EvictPagesShowingAsync(image.Id, cancellationToken);
        return new MediaSave.Saved(image.Id, image.FileName);
    }

    /// <summary>
    /// Cards and profiles read an image's details from the library (a published article keeps its own copy): the lists and
    /// related articles that may show the card of an article with this hero are evicted, as publishing that article would,
    /// and the people pages and bylines when it is someone's photo.
    /// </summary>
    private async Task EvictPagesShowingAsync(int id, CancellationToken cancellationToken)
    {
        var showing = await db.ReaderEditions.AsNoTracking().Where(e => e.HeroMediaId == id)
            .Select(e => new { e.Slug, TopicIds = e.Topics.Select(t => t.Id).ToList() }).ToListAsync(cancellationToken);
        if (showing.Count > 0)
            await readerPages.EvictAsync(showing.Select(e => e.Slug), showing.SelectMany(e => e.TopicIds), cancellationToken);
        if (await db.People.AnyAsync(p => p.PhotoMediaId == id, cancellationToken))
            await readerPages.EvictTagsAsync([PeopleDirectory.CacheTag], cancellationToken);
    }

    /// <summary>Deletes an image no article uses (its working copy or what readers see), with its files unless another entry shares them.</summary>
    public async Task<MediaSave> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var image = await db.MediaImages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (image is null)
            return new MediaSave.Missing();
        if (await UsesAsync(id, cancellationToken) is { Count: > 0 } uses)
            return new MediaSave.InUse(uses);
        db.MediaImages.Remove(image);
        audit.Add(AuditLog.Actions.Deleted, $"image “{image.FileName}”");
        await db.SaveChangesAsync(cancellationToken);
        if (!await db.MediaImages.AnyAsync(m => m.Fingerprint == image.Fingerprint, cancellationToken))
        {
            foreach (var width in Renditions.WidthsFor(image.Width))
                foreach (var format in Renditions.Formats)
                    await store.DeleteAsync(Renditions.Key(image.Fingerprint, width, format), cancellationToken);
            await store.DeleteAsync(Renditions.OriginalKey(image.Fingerprint, image.Format), cancellationToken);
        }
        return new MediaSave.Saved(image.Id, image.FileName);
    }

    /// <summary>
    /// Where the image is used: as an article's hero or in its text, in the working copy or in what readers see. A text
    /// is matched by its `media:ID` reference, so a text the renderer would not resolve still counts (the safe side).
    /// </summary>
    public async Task<IReadOnlyList<MediaUse>> UsesAsync(int id, CancellationToken cancellationToken)
    {
        var link = MediaReference.Prefix + id;
        string closed = link + ")", titled = link + " ";
        var heroes = await db.Articles.AsNoTracking().Where(a => a.HeroMediaId == id)
            .Select(a => new MediaUse(a.Id, a.Title, "hero image")).ToListAsync(cancellationToken);
        var texts = await db.Articles.AsNoTracking()
            .Where(a => (a.Disclaimer != null && (a.Disclaimer.Contains(closed) || a.Disclaimer.Contains(titled)))
                || a.Sections.Any(s => s.Body.Contains(closed) || s.Body.Contains(titled)
                    || s.Facts.Any(f => f.Text.Contains(closed) || f.Text.Contains(titled))
                    || s.Causes.Any(c => c.Description.Contains(closed) || c.Description.Contains(titled))))
            .Select(a => new MediaUse(a.Id, a.Title, "in the text")).ToListAsync(cancellationToken);
        var marker = $" {id} ";
        var published = await db.ReaderEditions.AsNoTracking().Where(e => e.MediaIds.Contains(marker))
            .Select(e => new MediaUse(e.ArticleId, e.Title, "on the page readers see")).ToListAsync(cancellationToken);
        var photos = await db.People.AsNoTracking().Where(p => p.PhotoMediaId == id)
            .Select(p => new MediaUse(p.Id, p.Name, "photo on the profile") { IsProfile = true }).ToListAsync(cancellationToken);
        return [.. heroes, .. texts, .. published, .. photos];
    }

    private static System.Linq.Expressions.Expression<Func<MediaImage, MediaRow>> Row =>
        m => new MediaRow(m.Id, m.Fingerprint, m.FileName, m.Width, m.Height, m.AltText, m.UploadedAt);

    private static MediaSave.Refused? DetailsProblem(MediaDetails details)
    {
        foreach (var (field, value) in new[] { (nameof(MediaDetails.AltText), details.AltText), (nameof(MediaDetails.Caption), details.Caption),
                     (nameof(MediaDetails.Credit), details.Credit), (nameof(MediaDetails.Licence), details.Licence) })
        {
            if (value is not null && value.Trim().Length > MediaImage.MaxTextLength)
                return new MediaSave.Refused(field, $"This can be at most {MediaImage.MaxTextLength} characters long.");
        }
        if (details.FocalX is < 0 or > 100)
            return new MediaSave.Refused(nameof(MediaDetails.FocalX), "Enter a percentage from 0 (left) to 100 (right).");
        if (details.FocalY is < 0 or > 100)
            return new MediaSave.Refused(nameof(MediaDetails.FocalY), "Enter a percentage from 0 (top) to 100 (bottom).");
        return null;
    }

    private static void Apply(MediaImage image, MediaDetails details)
    {
        image.AltText = TextCharacters.ForStoredField(details.AltText);
        image.Caption = TextCharacters.ForStoredField(details.Caption);
        image.Credit = TextCharacters.ForStoredField(details.Credit);
        image.Licence = TextCharacters.ForStoredField(details.Licence);
        image.FocalX = details.FocalX;
        image.FocalY = details.FocalY;
    }

}

using System.Text.Json;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>Each editor's unsaved writing per article (<see cref="PendingChange"/>): kept by autosave, offered back, discarded.</summary>
public sealed class PendingChanges(GutImmuneDbContext db, TimeProvider clock)
{
    /// <summary>A pending change as the page offers it back: the posted fields, the version they started from, when they were kept.</summary>
    public sealed record Kept(IReadOnlyList<KeyValuePair<string, string>> Fields, int BaseVersion, DateTime SavedAt);

    public async Task<Kept?> FindAsync(int articleId, string editorId, CancellationToken cancellationToken)
    {
        var row = await db.PendingChanges.AsNoTracking()
            .Where(p => p.ArticleId == articleId && p.EditorId == editorId)
            .Select(p => new { p.FormJson, p.BaseVersion, p.SavedAt })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null
            : new Kept(JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(row.FormJson) ?? [], row.BaseVersion, row.SavedAt);
    }

    /// <summary>Keeps <paramref name="fields"/> as the editor's pending change, replacing the one before; returns when, or null when the article is gone.</summary>
    public async Task<DateTime?> KeepAsync(int articleId, string editorId, int baseVersion, IReadOnlyList<KeyValuePair<string, string>> fields,
        CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken))
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var json = JsonSerializer.Serialize(fields);
        var row = await db.PendingChanges.SingleOrDefaultAsync(p => p.ArticleId == articleId && p.EditorId == editorId, cancellationToken);
        if (row is null)
            db.Add(row = new PendingChange { ArticleId = articleId, EditorId = editorId, FormJson = json });
        row.FormJson = json;
        row.BaseVersion = baseVersion;
        row.SavedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (row.Id == 0 && UniqueViolation.Is(e))
        {
            // Two autosaves of the same page crossed: the other one made the row; the next autosave updates it.
            db.ChangeTracker.Clear();
        }
        return now;
    }

    public Task DiscardAsync(int articleId, string editorId, CancellationToken cancellationToken) =>
        db.PendingChanges.Where(p => p.ArticleId == articleId && p.EditorId == editorId).ExecuteDeleteAsync(cancellationToken);
}

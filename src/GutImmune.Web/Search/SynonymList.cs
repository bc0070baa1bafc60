using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Search;

/// <summary>
/// The editable synonym list: its groups for searching, and the changes editors make, each audited and followed by
/// evicting the cached lists (search results among them).
/// </summary>
public sealed class SynonymList(GutImmuneDbContext db, AuditLog audit, ReaderPageCache readerPages)
{
    public async Task<IReadOnlyList<SynonymGroup>> AllAsync(CancellationToken cancellationToken) =>
        await db.SynonymGroups.AsNoTracking().OrderBy(g => g.Phrases).ToListAsync(cancellationToken);

    public Task<SynonymGroup?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.SynonymGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);

    /// <summary>Adds a group from what an editor typed, or returns why it cannot be one.</summary>
    public async Task<string?> AddAsync(string? input, CancellationToken cancellationToken)
    {
        var (phrases, problem) = SynonymGroup.Normalize(input);
        if (phrases is null)
            return problem;
        db.SynonymGroups.Add(new SynonymGroup { Phrases = phrases });
        audit.Add(AuditLog.Actions.SynonymsChanged, phrases, "added");
        await SaveAsync(cancellationToken);
        return null;
    }

    /// <summary>Replaces a group's phrases, or returns why they cannot be one; false when there is no such group.</summary>
    public async Task<(bool Found, string? Problem)> UpdateAsync(int id, string? input, CancellationToken cancellationToken)
    {
        var group = await db.SynonymGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
            return (false, null);
        var (phrases, problem) = SynonymGroup.Normalize(input);
        if (phrases is null)
            return (true, problem);
        audit.Add(AuditLog.Actions.SynonymsChanged, phrases, $"was: {group.Phrases}");
        group.Phrases = phrases;
        await SaveAsync(cancellationToken);
        return (true, null);
    }

    /// <summary>Deletes a group; false when there is no such group.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var group = await db.SynonymGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
            return false;
        db.SynonymGroups.Remove(group);
        audit.Add(AuditLog.Actions.SynonymsChanged, group.Phrases, "deleted");
        await SaveAsync(cancellationToken);
        return true;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await readerPages.EvictAsync([], [], cancellationToken);
    }
}

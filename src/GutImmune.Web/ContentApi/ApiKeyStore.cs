using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.ContentApi;

/// <summary>The one place API keys are made, revoked, recognised and counted; every change is audited with it.</summary>
public sealed class ApiKeyStore(GutImmuneDbContext db, AuditLog audit, CurrentEditor editor, TimeProvider clock)
{
    public sealed record Row(int Id, string Name, string Start, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, DateTime? LastUsedAt, long RequestCount);

    public async Task<IReadOnlyList<Row>> AllAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Id)
            .Select(k => new Row(k.Id, k.Name, k.Start, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.LastUsedAt, k.RequestCount))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Makes a key named <paramref name="name"/> (kept as plain text, <see cref="TextCharacters.ForPlainText"/>) and returns
    /// the name as kept and the key: the only time it can be read.
    /// </summary>
    public async Task<(string Name, string Secret)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var (key, secret) = ApiKey.Create(TextCharacters.ForPlainText(name), editor.Name, Now);
        db.ApiKeys.Add(key);
        audit.Add(AuditLog.Actions.ApiKeyCreated, $"API key {key.Name}", $"starts {key.Start}");
        await db.SaveChangesAsync(cancellationToken);
        return (key.Name, secret);
    }

    /// <summary>Stops the key working from the next request; false when there is no such key. Revoking twice changes nothing.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
            return false;
        if (key.IsRevoked)
            return true;
        key.RevokedAt = Now;
        audit.Add(AuditLog.Actions.ApiKeyRevoked, $"API key {key.Name}", $"starts {key.Start}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The id of the unrevoked key <paramref name="secret"/>, if it is one.</summary>
    public async Task<int?> FindActiveAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length > 100)
            return null;
        var hash = ApiKey.HashOf(secret);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null).Select(k => (int?)k.Id).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Counts one answered request for the key, in one statement (no read, no lost update between instances).</summary>
    public Task RecordUseAsync(int id, CancellationToken cancellationToken)
    {
        var now = Now;
        return db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RequestCount, x => x.RequestCount + 1).SetProperty(x => x.LastUsedAt, now), cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

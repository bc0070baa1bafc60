using GutImmune.Web.Data;

namespace GutImmune.Web.Auditing;

/// <summary>Records security-relevant events with who did them and from where.</summary>
public sealed class AuditLog(GutImmuneDbContext db, CurrentEditor editor, TimeProvider clock)
{
    public static class Actions
    {
        public const string SignIn = "sign-in";
        public const string SignInFailed = "sign-in-failed";
        public const string SignOut = "sign-out";
        public const string PasswordChanged = "password-changed";
        public const string Published = "published";
        public const string Scheduled = "scheduled";
        public const string Unpublished = "unpublished";
        public const string ReviewSignedOff = "review-signed-off";
        public const string Deleted = "deleted";
        public const string Restored = "restored";
        public const string Imported = "imported";
        public const string UserCreated = "user-created";
        public const string UserChanged = "user-changed";
    }

    /// <summary>Adds the entry to the unit of work; it is saved with the change it records.</summary>
    public void Add(string action, string target, string? details = null, string? actor = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor ?? editor.Name, 200),
            Action = action,
            Target = Truncate(target, 500),
            Details = details is null ? null : Truncate(details, 1000),
            RemoteIp = editor.RemoteIp,
        });

    /// <summary>Records an event that has no other change to travel with (sign-ins).</summary>
    public async Task RecordAsync(string action, string target, string? details = null, string? actor = null)
    {
        Add(action, target, details, actor);
        await db.SaveChangesAsync();
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

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
        public const string PublishedWithoutReview = "published-without-review";
        public const string Scheduled = "scheduled";
        public const string Unpublished = "unpublished";
        public const string DiscardedChanges = "discarded-changes";
        public const string ReviewSignedOff = "review-signed-off";
        public const string ReviewCommented = "review-commented";
        public const string ReviewThreadResolved = "review-thread-resolved";
        public const string ReviewThreadReopened = "review-thread-reopened";
        public const string ReviewSignedOffViaLink = "review-signed-off-via-link";
        public const string ReviewLinkCreated = "review-link-created";
        public const string ReviewLinkRevoked = "review-link-revoked";
        public const string Deleted = "deleted";
        public const string Restored = "restored";
        public const string Imported = "imported";
        public const string UserCreated = "user-created";
        public const string UserChanged = "user-changed";
        public const string PersonCreated = "person-created";
        public const string PersonChanged = "person-changed";
        public const string SitePageSaved = "site-page-saved";
        public const string SynonymsChanged = "synonyms-changed";
        public const string ApiKeyCreated = "api-key-created";
        public const string ApiKeyRevoked = "api-key-revoked";
        public const string WebhookEndpointCreated = "webhook-endpoint-created";
        public const string WebhookEndpointRevoked = "webhook-endpoint-revoked";
        public const string MediaUploaded = "media-uploaded";
        public const string MediaChanged = "media-changed";
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

    public const int PageSize = 50;

    /// <summary>Which entries the log shows: one action, a person's name or address, words in the target or details (any case), days in UTC.</summary>
    public sealed record Filter(string? Action = null, string? Person = null, string? Text = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

    public sealed record Row(DateTime At, string Actor, string Action, string Target, string? Details, string? RemoteIp);

    /// <summary>One page of entries, newest first, narrowed by <paramref name="filter"/>.</summary>
    public async Task<(IReadOnlyList<Row> Rows, bool HasNextPage)> FindAsync(Filter filter, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(filter.Page, 1, int.MaxValue / PageSize); // the offset must not overflow
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
            entries = entries.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var person = filter.Person.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Actor.ToLower().Contains(person));
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Target.ToLower().Contains(text) || (e.Details != null && e.Details.ToLower().Contains(text)));
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            entries = entries.Where(e => e.At < end);
        }
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new Row(e.At, e.Actor, e.Action, e.Target, e.Details, e.RemoteIp))
            .ToListAsync(cancellationToken);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>The actions the log holds, for choosing one.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

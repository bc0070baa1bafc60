using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Webhooks;

/// <summary>The one place endpoints are registered, revoked and listed with their deliveries; every change is audited with it.</summary>
public sealed class WebhookRegistry(GutImmuneDbContext db, WebhookSecrets secrets, AuditLog audit, CurrentEditor editor, TimeProvider clock,
    IOptions<WebhookOptions> options)
{
    public const int HistoryLength = 100;

    public sealed record Row(int Id, string Name, string Url, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, int Pending, int Failed, DateTime? LastDeliveredAt);

    public sealed record DeliveryRow(string EventId, string EventType, DateTime OccurredAt, int Attempts, int? LastStatusCode, string? LastError,
        DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? DeliveredAt, DateTime? FailedAt);

    public sealed record History(Row Endpoint, IReadOnlyList<DeliveryRow> Deliveries);

    /// <summary>The outcome of registering: the name as kept and the secret (shown once), or why the address was refused.</summary>
    public sealed record Registration(string Name, string? Secret, string? Problem);

    public async Task<IReadOnlyList<Row>> AllAsync(CancellationToken cancellationToken) =>
        await Rows(db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.RevokedAt != null).ThenBy(e => e.Name).ThenBy(e => e.Id)).ToListAsync(cancellationToken);

    /// <summary>Registers the endpoint at <paramref name="url"/>, its <paramref name="name"/> kept as plain text (<see cref="TextCharacters.ForPlainText"/>).</summary>
    public async Task<Registration> RegisterAsync(string name, string url, CancellationToken cancellationToken)
    {
        (name, url) = (TextCharacters.ForPlainText(name), url.Trim());
        if (await WebhookAddress.ProblemAsync(url, options.Value.AllowNonPublicAddresses, cancellationToken) is { } problem)
            return new Registration(name, null, problem);
        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Name = name, Url = url, ProtectedSecret = secrets.Protect(secret), CreatedAt = Now, CreatedBy = editor.Name,
        };
        db.WebhookEndpoints.Add(endpoint);
        audit.Add(AuditLog.Actions.WebhookEndpointCreated, $"webhook endpoint {endpoint.Name}", endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return new Registration(name, secret, null);
    }

    /// <summary>Stops sending to the endpoint, its pending deliveries included; false when there is no such endpoint.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
            return false;
        if (endpoint.IsRevoked)
            return true;
        endpoint.RevokedAt = Now;
        audit.Add(AuditLog.Actions.WebhookEndpointRevoked, $"webhook endpoint {endpoint.Name}", endpoint.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The endpoint and its latest deliveries, newest first; null when there is no such endpoint.</summary>
    public async Task<History?> HistoryAsync(int id, CancellationToken cancellationToken)
    {
        var endpoint = await Rows(db.WebhookEndpoints.AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (endpoint is null)
            return null;
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id).OrderByDescending(d => d.Id).Take(HistoryLength)
            .Select(d => new DeliveryRow(d.EventId, d.EventType, d.OccurredAt, d.Attempts, d.LastStatusCode, d.LastError, d.LastAttemptAt,
                d.NextAttemptAt, d.DeliveredAt, d.FailedAt))
            .ToListAsync(cancellationToken);
        return new History(endpoint, deliveries);
    }

    private IQueryable<Row> Rows(IQueryable<WebhookEndpoint> endpoints) => endpoints.Select(e => new Row(e.Id, e.Name, e.Url, e.CreatedAt, e.CreatedBy, e.RevokedAt,
        db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.NextAttemptAt != null),
        db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.FailedAt != null),
        db.WebhookDeliveries.Where(d => d.EndpointId == e.Id).Max(d => d.DeliveredAt)));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

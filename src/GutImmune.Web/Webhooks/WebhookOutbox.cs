using System.Text.Json;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Webhooks;

/// <summary>The article an event is about, as the event's JSON shows it.</summary>
public sealed record WebhookArticle(string Slug, string Title, string Url, string ApiUrl, DateTime DateModified);

/// <summary>The JSON body of every event.</summary>
public sealed record WebhookEvent(string Id, string Type, DateTime OccurredAt, WebhookArticle Article);

/// <summary>
/// Adds an event's deliveries, one per active endpoint, to the unit of work of the save that publishes or withdraws
/// (<see cref="Editing.EditionPublisher"/>): they are committed with it or not at all, and sent afterwards by
/// <see cref="WebhookDispatcher"/>. An event of a scheduled publication is due when the article goes live.
/// </summary>
public sealed class WebhookOutbox(GutImmuneDbContext db, SiteAddress site, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Tells of <paramref name="edition"/>, just written: published (first time readers see it, now or when scheduled) or updated.</summary>
    public Task PublishedAsync(ReaderEdition edition, bool readersSawItBefore, CancellationToken cancellationToken) =>
        AddAsync(readersSawItBefore ? WebhookEventTypes.Updated : WebhookEventTypes.Published, edition, cancellationToken);

    /// <summary>Tells of <paramref name="edition"/> being removed; a scheduled one readers never saw is withdrawn silently.</summary>
    public async Task WithdrawnAsync(ReaderEdition edition, CancellationToken cancellationToken)
    {
        if (edition.IsVisibleAt(Now))
            await AddAsync(WebhookEventTypes.Withdrawn, edition, cancellationToken);
        else
            await CancelScheduledAsync(edition.ArticleId, cancellationToken);
    }

    private async Task AddAsync(string type, ReaderEdition edition, CancellationToken cancellationToken)
    {
        var now = Now;
        // A scheduled event not yet sent is superseded by what happens to the article now.
        await CancelScheduledAsync(edition.ArticleId, cancellationToken);
        var endpoints = await db.WebhookEndpoints.Where(e => e.RevokedAt == null).Select(e => e.Id).ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
            return;
        var occurredAt = edition.PublishedAt > now && type == WebhookEventTypes.Published ? DateTime.SpecifyKind(edition.PublishedAt, DateTimeKind.Utc) : now;
        var id = "evt_" + Guid.CreateVersion7().ToString("N");
        var payload = JsonSerializer.Serialize(new WebhookEvent(id, type, occurredAt, new WebhookArticle(edition.Slug, edition.Title,
            ArticleCatalog.ArticleUrl(site, edition.Slug), ArticleCatalog.ApiArticleUrl(site, edition.Slug),
            // Read back from the database (a withdrawn edition) the time has no kind; it is UTC, and the JSON says so.
            DateTime.SpecifyKind(edition.UpdatedAt, DateTimeKind.Utc))), Json);
        foreach (var endpoint in endpoints)
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = endpoint, EventId = id, EventType = type, ArticleId = edition.ArticleId, Payload = payload,
                OccurredAt = occurredAt, NextAttemptAt = occurredAt,
            });
    }

    private Task CancelScheduledAsync(int articleId, CancellationToken cancellationToken)
    {
        var now = Now;
        return db.WebhookDeliveries.Where(d => d.ArticleId == articleId && d.Attempts == 0 && d.NextAttemptAt > now).ExecuteDeleteAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

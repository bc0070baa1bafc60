namespace GutImmune.Web.Webhooks;

/// <summary>The kinds of event an endpoint is sent.</summary>
public static class WebhookEventTypes
{
    public const string Published = "article.published";
    public const string Updated = "article.updated";
    public const string Withdrawn = "article.withdrawn";
}

/// <summary>
/// One event for one endpoint: written in the same transaction as the publication it tells of (the outbox), then sent
/// by <see cref="WebhookDispatcher"/> until the endpoint takes it or the retries run out.
/// </summary>
public class WebhookDelivery
{
    /// <summary>The wait after each failed attempt; after the last, the delivery has failed (six attempts in all).</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    /// <summary>Up to this fraction of a delay is added at random, so that endpoints back from an outage are not all retried at once.</summary>
    public const double Jitter = 0.2;

    public const int MaxErrorLength = 500;

    public long Id { get; set; }
    public int EndpointId { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }
    /// <summary>The event's id (the <c>Webhook-Id</c> header): the same on every attempt, so a receiver can drop repeats.</summary>
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The JSON body, fixed when the event happens.</summary>
    public required string Payload { get; set; }
    public DateTime OccurredAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the next attempt is due; null once delivered or failed.</summary>
    public DateTime? NextAttemptAt { get; set; }
    /// <summary>An instance sending this delivery holds it until then (<see cref="WebhookDispatcher"/> claims it).</summary>
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? FailedAt { get; set; }

    public void RecordSuccess(DateTime utcNow, int statusCode)
    {
        Attempted(utcNow, statusCode, error: null);
        DeliveredAt = utcNow;
        NextAttemptAt = null;
    }

    /// <summary>Records a failed attempt and schedules the next one (<paramref name="jitter"/>: 0 to 1), or gives up after the last.</summary>
    public void RecordFailure(DateTime utcNow, int? statusCode, string error, double jitter)
    {
        Attempted(utcNow, statusCode, error);
        if (Attempts > RetryDelays.Count)
        {
            FailedAt = utcNow;
            NextAttemptAt = null;
            return;
        }
        var delay = RetryDelays[Attempts - 1];
        NextAttemptAt = utcNow + delay + delay * (Jitter * Math.Clamp(jitter, 0, 1));
    }

    /// <summary>Gives up without an attempt (the endpoint was revoked).</summary>
    public void Cancel(DateTime utcNow, string reason)
    {
        LastError = reason;
        FailedAt = utcNow;
        NextAttemptAt = null;
        ClaimedUntil = null;
    }

    private void Attempted(DateTime utcNow, int? statusCode, string? error)
    {
        Attempts++;
        LastAttemptAt = utcNow;
        LastStatusCode = statusCode;
        LastError = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        ClaimedUntil = null;
    }
}

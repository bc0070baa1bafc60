using System.Globalization;
using System.Net.Mime;
using System.Text;
using GutImmune.Web.Data;
using GutImmune.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Webhooks;

/// <summary>
/// Sends the deliveries that are due, each signed and with its own timeout, and records how each attempt went. Safe with
/// several instances on one database: an instance sends a delivery only after claiming it with an update whose condition
/// (unclaimed, or its claim run out) only one of them can meet.
/// </summary>
public sealed class WebhookDispatcher(GutImmuneDbContext db, WebhookSecrets secrets, IHttpClientFactory clients, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "Webhooks";
    private const int BatchSize = 20;

    /// <summary>Sends every delivery due now; returns how many this instance attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            var now = Now;
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var id in due)
                if (await ClaimAsync(id, cancellationToken))
                {
                    await SendAsync(id, cancellationToken);
                    attempted++;
                }
            if (due.Count < BatchSize)
                return attempted;
        }
    }

    private async Task<bool> ClaimAsync(long id, CancellationToken cancellationToken)
    {
        var now = Now;
        // Held for longer than an attempt can take; a claim left by an instance that stopped mid-attempt runs out.
        var until = now + options.Value.AttemptTimeout + TimeSpan.FromMinutes(1);
        return await db.WebhookDeliveries.Where(d => d.Id == id && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ClaimedUntil, until), cancellationToken) == 1;
    }

    private async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.Include(d => d.Endpoint).SingleAsync(d => d.Id == id, cancellationToken);
        var endpoint = delivery.Endpoint!;
        if (endpoint.IsRevoked)
            delivery.Cancel(Now, "Not sent: the endpoint was revoked.");
        else
        {
            var (status, error) = await AttemptAsync(endpoint, delivery, cancellationToken);
            if (error is null)
                delivery.RecordSuccess(Now, status!.Value);
            else
            {
                delivery.RecordFailure(Now, status, error, Random.Shared.NextDouble());
                logger.LogWarning("Webhook {EventId} to endpoint {EndpointId} failed (attempt {Attempt}): {Error}", delivery.EventId, endpoint.Id, delivery.Attempts, error);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>One attempt: the status code the endpoint answered, and why it counts as failed (null when it took the event).</summary>
    private async Task<(int? Status, string? Error)> AttemptAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timeout = options.Value.AttemptTimeout;
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, MediaTypeNames.Application.Json),
        };
        request.Headers.Add(WebhookSignature.IdHeader, delivery.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader,
            WebhookSignature.Sign(secrets.Unprotect(endpoint.ProtectedSecret), delivery.EventId, timestamp, delivery.Payload));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null)
                : status is >= 300 and < 400 ? (status, $"HTTP {status}: redirects are not followed; register the address it redirects to.")
                : (status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e) when (PublicNetworkConnections.WasRefused(e))
        {
            return (null, "Refused: the endpoint's host resolves to a loopback, private or link-local address.");
        }
        catch (HttpRequestException e)
        {
            return (null, Reason(e));
        }
    }

    /// <summary>
    /// Why a request failed, in one line: a failed TLS handshake says only "see inner exception", so its innermost
    /// exception's reason is given (the certificate's problem, the handshake's error).
    /// </summary>
    private static string Reason(HttpRequestException e)
    {
        if (e.HttpRequestError != HttpRequestError.SecureConnectionError || e.GetBaseException() == e)
            return e.Message;
        var reason = e.GetBaseException().Message.ReplaceLineEndings(" ").Trim();
        return $"The secure connection (TLS) could not be established: {reason}";
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

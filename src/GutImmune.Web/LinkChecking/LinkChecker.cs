using System.Collections.Concurrent;
using System.Net;
using GutImmune.Web.Security;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.LinkChecking;

/// <summary>
/// Checks one address the way a reader's browser would reach it: HEAD, then GET when a server refuses HEAD; redirects
/// followed here, one hop at a time, so that each is recorded and each connection passes the public-address check of
/// <see cref="PublicNetworkConnections"/>; at most <see cref="LinkCheckOptions.MaxRequestsPerHost"/> requests at a
/// time to one host, whoever asks.
/// </summary>
public sealed class LinkChecker(IHttpClientFactory clients, IOptions<LinkCheckOptions> options, TimeProvider time)
{
    public const string ClientName = "LinkCheck";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers that mean "not with HEAD": servers that do not implement it, or forbid it to robots.</summary>
    private static bool RefusesHead(HttpStatusCode status) =>
        status is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented or HttpStatusCode.Forbidden;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public async Task<LinkCheck> CheckAsync(string address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var check = new LinkCheck { Address = address, CheckedAt = time.GetUtcNow().UtcDateTime };
        if (!Uri.TryCreate(address, UriKind.Absolute, out var current) || current.Scheme is not ("http" or "https"))
        {
            check.Error = "not an http or https address";
            return check;
        }
        while (true)
        {
            var (status, location) = await RequestAsync(current, check, settings, cancellationToken);
            if (status is null)
                break;
            if (!IsRedirect(status.Value) || location is null)
            {
                check.StatusCode = (int)status.Value;
                break;
            }
            if (check.Redirects.Count == settings.MaxRedirects)
            {
                check.StatusCode = (int)status.Value;
                check.Error = $"more than {settings.MaxRedirects} redirects";
                break;
            }
            var next = new Uri(current, location);
            check.Redirects.Add(next.AbsoluteUri);
            if (next.Scheme is not ("http" or "https"))
            {
                check.Error = "redirected to an address that is not http or https";
                break;
            }
            current = next;
        }
        check.FinalAddress = current.AbsoluteUri;
        return check;
    }

    /// <summary>One hop: HEAD, or GET after a refused HEAD. A failure is written to <paramref name="check"/> and gives no status.</summary>
    private async Task<(HttpStatusCode? Status, Uri? Location)> RequestAsync(Uri uri, LinkCheck check, LinkCheckOptions settings,
        CancellationToken cancellationToken)
    {
        var host = hosts.GetOrAdd(uri.Authority, _ => new SemaphoreSlim(settings.MaxRequestsPerHost));
        await host.WaitAsync(cancellationToken);
        try
        {
            var answer = await SendAsync(HttpMethod.Head, uri, settings, cancellationToken);
            return RefusesHead(answer.Status) ? await SendAsync(HttpMethod.Get, uri, settings, cancellationToken) : answer;
        }
        catch (TimeoutException)
        {
            check.Error = $"no answer within {settings.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e) when (PublicNetworkConnections.WasRefused(e))
        {
            check.Error = "not fetched: the address is not on the public internet";
        }
        catch (HttpRequestException e)
        {
            check.Error = e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host name does not resolve",
                HttpRequestError.ConnectionError => "could not connect",
                HttpRequestError.SecureConnectionError => "the secure connection failed (certificate or TLS)",
                _ => "the request failed: " + e.Message,
            };
        }
        finally
        {
            host.Release();
        }
        return (null, null);
    }

    private async Task<(HttpStatusCode Status, Uri? Location)> SendAsync(HttpMethod method, Uri uri, LinkCheckOptions settings,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, uri);
        try
        {
            // Only the status line and headers are read; disposing the response drops the body unread.
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, both.Token);
            return (response.StatusCode, response.Headers.Location);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }
}

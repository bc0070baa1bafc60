using System.Net;
using System.Net.Sockets;
using GutImmune.Web.Security;

namespace GutImmune.Web.Webhooks;

/// <summary>
/// Whether an address may be registered as an endpoint: absolute, HTTPS, without credentials, and (unless
/// <see cref="WebhookOptions.AllowNonPublicAddresses"/>) a host whose every address is public. Delivery checks the
/// addresses again on each connection (<see cref="PublicNetworkConnections"/>).
/// </summary>
public static class WebhookAddress
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Why <paramref name="url"/> cannot be an endpoint, in words for its form field; null when it can.</summary>
    public static async Task<string?> ProblemAsync(string url, bool allowNonPublic, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "Enter the endpoint’s full address, starting with https://.";
        if (uri.Scheme != Uri.UriSchemeHttps && !allowNonPublic)
            return "The address must start with https://: events would travel unencrypted otherwise.";
        if (uri.UserInfo.Length > 0)
            return "Leave the user name and password out of the address: events are signed with the secret shown once the endpoint is added.";
        if (uri.Fragment.Length > 0)
            return "Leave out the part after #: it is never sent to the endpoint.";
        if (allowNonPublic)
            return null;

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(LookupTimeout);
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The host {uri.Host} could not be found: check the address.";
        }
        if (addresses.Length == 0)
            return $"The host {uri.Host} could not be found: check the address.";
        return addresses.FirstOrDefault(a => !PublicNetworkConnections.IsPublic(a)) is { } refused
            ? $"The host {uri.Host} leads to {refused}, a loopback, private or link-local address: webhooks are sent to public addresses only."
            : null;
    }
}

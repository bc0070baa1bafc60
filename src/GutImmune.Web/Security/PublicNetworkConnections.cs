using System.Net;
using System.Net.Sockets;

namespace GutImmune.Web.Security;

/// <summary>
/// Outbound HTTP to addresses that people type into the admin (reference links, webhook endpoints) must not reach the
/// site's own machine or private network (server-side request forgery). The check runs when each connection is made,
/// on the addresses DNS answered at that moment, and the connection goes to exactly those checked addresses: a name
/// that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding), or a redirect to a private
/// address, is refused the same way.
/// </summary>
public static class PublicNetworkConnections
{
    private static readonly IPNetwork[] NonPublicNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network"
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata services
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    // IPv6 forms that carry an IPv4 address, which is then checked itself.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>True when the address is on the public internet: not loopback, private, link-local, multicast,
    /// reserved or documentation space, also when written as an IPv4-mapped, NAT64 or IPv4-compatible IPv6 address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        // :: and ::1 fall in ::/96 too; as 0.0.0.0 and 0.0.0.1 they are in 0.0.0.0/8, so they stay non-public.
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && (Nat64.Contains(address) || Ipv4Compatible.Contains(address)))
            return IsPublic(new IPAddress(address.GetAddressBytes()[12..]));
        return !NonPublicNetworks.Any(network => network.Contains(address));
    }

    /// <summary>
    /// A handler whose every connection goes only to public addresses, unless <paramref name="allowNonPublic"/> (a
    /// setting the tests use to reach a receiver on 127.0.0.1). A refused connection fails with an
    /// <see cref="HttpRequestException"/> whose inner exception is a <see cref="NonPublicAddressException"/>.
    /// Proxies from the environment are not used: a proxy would make the connection on the checker's behalf.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowNonPublic) => new()
    {
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowNonPublic, cancellationToken),
    };

    /// <summary>True when the request failed because its host is not on the public internet.</summary>
    public static bool WasRefused(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
            if (inner is NonPublicAddressException) return true;
        return false;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowNonPublic, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var usable = allowNonPublic ? addresses : addresses.Where(IsPublic).ToArray();
        if (usable.Length == 0) throw new NonPublicAddressException(endPoint.Host);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection refused because its host resolves only to loopback, private, link-local or reserved addresses.</summary>
public sealed class NonPublicAddressException(string host)
    : IOException($"{host} resolves only to loopback, private, link-local or reserved addresses, which are never contacted.")
{
    public string Host { get; } = host;
}

using System.Net;
using System.Net.Sockets;

namespace GutImmune.Web.Accounts;

/// <summary>
/// The client a request's address stands for when attempts are counted: the address itself for IPv4, its /64 for
/// IPv6. One IPv6 subscriber is given a whole /64, so counting single IPv6 addresses would give one client endless tries.
/// </summary>
public static class ClientNetwork
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return $"{new IPAddress(network)}/64";
    }
}

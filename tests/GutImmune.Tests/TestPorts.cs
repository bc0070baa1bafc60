using System.Net;
using System.Net.Sockets;

namespace GutImmune.Tests;

/// <summary>Ports for processes a test starts (the published site, Redis).</summary>
public static class TestPorts
{
    /// <summary>A loopback port no one listens on now, as the operating system hands them out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GutImmune.Tests.Web;

namespace GutImmune.Tests.Security;

/// <summary>
/// A flood of idle connections must not take the site down: Kestrel refuses connections beyond `Kestrel:Limits`'
/// MaxConcurrentConnections at once and closes the idle ones within its keep-alive timeout, so the site answers again
/// and stays up. The site runs on a real port of 127.0.0.1 with a small limit, so the flood stays small.
/// </summary>
public class ConnectionFloodTests
{
    private const int Limit = 4;
    private const int Flood = 16;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    private sealed class LimitedSite : GutImmuneFactory
    {
        public LimitedSite()
        {
            UseKestrel(0);
            Settings["Kestrel:Limits:MaxConcurrentConnections"] = Limit.ToString();
            Settings["Kestrel:Limits:KeepAliveTimeout"] = KeepAlive.ToString();
        }

        public Uri Address
        {
            get
            {
                StartServer();
                return ClientOptions.BaseAddress;
            }
        }
    }

    [Fact]
    public async Task Idle_connections_beyond_the_limit_are_refused_and_the_site_answers_again_and_stays_up()
    {
        using var site = new LimitedSite();
        var address = site.Address;
        // Each request on a new connection, closed after it: the test's own client holds no slot.
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10), DefaultRequestHeaders = { ConnectionClose = true } };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        var flood = new List<Socket>();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Flood; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, address.Port);
                flood.Add(socket);
            }
            var closings = flood.Select(ClosedByServerAsync).ToList();

            // Those beyond the limit are closed at once, well before any keep-alive timeout could close them.
            var refused = await CountCompletedWithinAsync(closings, KeepAlive - TimeSpan.FromSeconds(1), Flood - Limit);
            Assert.True(refused >= Flood - Limit, $"{refused} of {Flood} idle connections closed within {clock.Elapsed} (limit {Limit})");
            Assert.True(closings.Count(c => !c.IsCompleted) <= Limit, "more idle connections held than the limit");

            // The idle ones within the limit are closed by the keep-alive timeout; the flood's sockets are still open
            // on its side, yet the site answers a new client.
            await Task.WhenAll(closings).WaitAsync(KeepAlive + TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/articles/gut-immune-system-connection")).StatusCode);
        }
        finally
        {
            foreach (var socket in flood)
                socket.Dispose();
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>Completes when the server closes the connection (end of stream or reset); the flood never sends a byte.</summary>
    private static async Task ClosedByServerAsync(Socket socket)
    {
        var buffer = new byte[1];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
    }

    private static async Task<int> CountCompletedWithinAsync(IReadOnlyList<Task> tasks, TimeSpan within, int enough)
    {
        var deadline = Task.Delay(within);
        while (tasks.Count(t => t.IsCompleted) < enough && !deadline.IsCompleted)
            await Task.WhenAny(tasks.Where(t => !t.IsCompleted).Append(deadline));
        return tasks.Count(t => t.IsCompleted);
    }
}

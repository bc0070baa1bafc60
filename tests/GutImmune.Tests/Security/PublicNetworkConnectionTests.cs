using System.Net;
using System.Net.Sockets;
using System.Text;
using GutImmune.Web.Security;

namespace GutImmune.Tests.Security;

public class PublicNetworkConnectionTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.5")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("::7f00:1")]
    public void Loopback_private_link_local_and_reserved_addresses_are_not_public(string address) =>
        Assert.False(PublicNetworkConnections.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Internet_addresses_are_public(string address) =>
        Assert.True(PublicNetworkConnections.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_request_to_the_machine_itself_is_refused_before_any_byte_reaches_it(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(PublicNetworkConnections.CreateHandler(allowNonPublic: false));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:{port}/"));

        Assert.True(PublicNetworkConnections.WasRefused(failure));
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_setting_for_tests_lets_a_request_reach_a_loopback_receiver()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var receiver = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            using var request = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            while (!string.IsNullOrEmpty(await request.ReadLineAsync())) { }
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
        });
        using var client = new HttpClient(PublicNetworkConnections.CreateHandler(allowNonPublic: true));

        var response = await client.GetAsync($"http://127.0.0.1:{port}/");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await receiver.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

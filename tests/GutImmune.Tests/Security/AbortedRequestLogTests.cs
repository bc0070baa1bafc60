using System.Net;
using System.Net.Sockets;
using System.Text;
using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Security;

/// <summary>A client that gives up half-way through a request body is ordinary on the internet: it must not write warnings.</summary>
public class AbortedRequestLogTests
{
    /// <summary>The site on a real port with the production log levels (appsettings.json) and a log the test reads.</summary>
    private sealed class LoggedSite : GutImmuneFactory
    {
        public List<LogEvent> Log { get; } = [];

        public LoggedSite()
        {
            UseKestrel(0);
            Settings["Serilog:MinimumLevel:Default"] = "Information";
        }

        public Uri Address
        {
            get
            {
                StartServer();
                return ClientOptions.BaseAddress;
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }
    }

    [Theory]
    [InlineData("/admin/sign-in", false)]
    [InlineData("/no-such-page", false)]
    [InlineData("/search", false)]
    [InlineData("/admin/sign-in", true)]
    [InlineData("/no-such-page", true)]
    [InlineData("/search", true)]
    public async Task Abandoned_request_body_logs_at_most_one_line_and_no_warning(string path, bool reset)
    {
        var logged = await LogOfAsync(address => AbandonBodyAsync(address, path, reset));

        var lines = Lines(logged);
        Assert.True(logged.Count(e => e.Level >= LogEventLevel.Warning && !IsShutdown(e)) == 0, lines);
        Assert.True(logged.Count(e => !IsShutdown(e)) <= 1, lines);
    }

    /// <summary>
    /// A reset while the antiforgery check reads the form: the read fails, and the request ends as the client's abort
    /// (was 400, a bad token), without Kestrel reading the rest of the body afterwards (which failed with an error line,
    /// "Reading is already in progress", in about one try in three).
    /// </summary>
    [Fact]
    public async Task Form_read_cut_off_by_a_reset_is_logged_as_499_at_information_without_errors()
    {
        const int tries = 6;
        var logged = await LogOfAsync(async address =>
        {
            for (var i = 0; i < tries; i++)
                await AbandonBodyAsync(address, "/admin/sign-in", reset: true);
        });

        var lines = Lines(logged);
        var requests = logged.Where(e => e.Properties.ContainsKey("StatusCode")).ToList();
        Assert.True(requests.Count == tries, lines);
        Assert.All(requests, e => Assert.True(e.Properties["StatusCode"].ToString() == "499" && e.Level == LogEventLevel.Information, lines));
        Assert.True(logged.Count(e => e.Level >= LogEventLevel.Warning && !IsShutdown(e)) == 0, lines);
    }

    /// <summary>The log of the site while <paramref name="scenario"/> runs against it, with every connection processed to its end.</summary>
    private static async Task<List<LogEvent>> LogOfAsync(Func<Uri, Task> scenario)
    {
        var site = new LoggedSite();
        try
        {
            var address = site.Address;
            using (var http = new HttpClient { BaseAddress = address })
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            lock (site.Log)
                site.Log.Clear();
            await scenario(address);
        }
        finally
        {
            // Stopping the host waits for the connection to be processed to its end: everything it logs is in.
            site.Dispose();
        }
        lock (site.Log)
            return [.. site.Log];
    }

    /// <summary>Posts a form declared at 100,000 bytes, sends a little of it, stalls, then closes (FIN) or resets (RST).</summary>
    private static async Task AbandonBodyAsync(Uri address, string path, bool reset)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, address.Port);
        // With Expect: 100-continue the server says when it starts reading the body (or answers without it).
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Content-Length: 100000\r\nExpect: 100-continue\r\n\r\n"));
        var answer = new byte[64];
        var read = await socket.ReceiveAsync(answer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
        if (Encoding.ASCII.GetString(answer, 0, read).StartsWith("HTTP/1.1 100"))
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("Email=someone%40example.org&Password=x"));
            // The client stalls (the server is left waiting for the rest) and then goes away: the scenario, not
            // a synchronisation; closing at once reaches the server together with the data.
            await Task.Delay(300);
        }
        if (reset)
            socket.LingerState = new LingerOption(true, 0);
        else
            socket.Shutdown(SocketShutdown.Both);
    }

    private static string Lines(List<LogEvent> logged) =>
        string.Join("\n", logged.Select(e => $"{e.Level} {e.Properties.GetValueOrDefault("SourceContext")}: {e.RenderMessage()} {e.Exception?.GetType().Name}"));

    private static bool IsShutdown(LogEvent e) =>
        e.Properties.GetValueOrDefault("SourceContext")?.ToString() == "\"Microsoft.Hosting.Lifetime\"";
}

using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A CDN's purge endpoint as far as the site can tell: a small Kestrel server on a free port of 127.0.0.1 that records
/// every POST to /purge and answers as <see cref="Answer"/> says (200 unless told otherwise).
/// </summary>
public sealed class PurgeReceiver : IDisposable
{
    private readonly WebApplication _server;

    public sealed record Purge(Dictionary<string, string> Headers, string Body);

    public Channel<Purge> Received { get; } = Channel.CreateUnbounded<Purge>();

    public Func<HttpContext, Task> Answer { get; set; } = _ => Task.CompletedTask;

    public Uri Url { get; }

    public PurgeReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/purge", async context =>
        {
            var request = context.Request;
            var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Received.Writer.TryWrite(new(headers, body));
            await Answer(context);
        });
        _server.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_server.Urls.Single().TrimEnd('/') + "/purge");
    }

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}

using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (Kestrel, a free port) that records every event it is sent and answers with the
/// given status codes in turn, the last one repeated.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string? Id, string? Timestamp, string? Signature, string? ContentType, string Body);

    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Count => Volatile.Read(ref _count);

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var index = Interlocked.Increment(ref receiver._count) - 1;
            receiver._received.Writer.TryWrite(new Received(request.Headers["webhook-id"], request.Headers["webhook-timestamp"],
                request.Headers["webhook-signature"], request.ContentType, body));
            return Results.StatusCode(statuses.Length == 0 ? 200 : statuses[Math.Min(index, statuses.Length - 1)]);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hook";
        return receiver;
    }

    /// <summary>The next event received, waiting at most 10 s for it.</summary>
    public async Task<Received> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Every event received so far and not yet read.</summary>
    public List<Received> Drain()
    {
        var all = new List<Received>();
        while (_received.Reader.TryRead(out var item))
            all.Add(item);
        return all;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using GutImmune.Web.Data;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Webhooks;

/// <summary>Sends due webhook deliveries in the background, off the request threads, every <see cref="WebhookOptions.PollInterval"/>.</summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, DatabaseStartup startup, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger)
    : DatabaseBackgroundService(startup)
{
    protected override async Task ExecuteWhenReadyAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unreachable: the deliveries stay due and are tried on the next round.
                logger.LogWarning(e, "Sending webhooks failed; trying again in {Interval}", options.Value.PollInterval);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

using GutImmune.Web.Data;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.LinkChecking;

/// <summary>Runs <see cref="LinkCheckRun"/> in the background every <see cref="LinkCheckOptions.PollInterval"/>, when enabled.</summary>
public sealed class LinkCheckService(IServiceScopeFactory scopes, DatabaseStartup startup, IOptions<LinkCheckOptions> options, TimeProvider time,
    ILogger<LinkCheckService> logger) : DatabaseBackgroundService(startup)
{
    protected override async Task ExecuteWhenReadyAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var checkedCount = await scope.ServiceProvider.GetRequiredService<LinkCheckRun>().CheckDueAsync(stoppingToken);
                if (checkedCount > 0)
                    logger.LogInformation("Checked {Count} reference links", checkedCount);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next pass tries again; a failed pass must not stop the service.
                logger.LogWarning(e, "A link check pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

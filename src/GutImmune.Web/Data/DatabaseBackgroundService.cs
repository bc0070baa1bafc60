namespace GutImmune.Web.Data;

/// <summary>
/// A background service that reads the database: it starts its work only once <see cref="DatabaseStartup"/> has made the
/// database ready (beside the server's start), and not at all when that failed, since the process is then stopping with
/// its one line (a warning of this service's, stack trace and all, must not race to print first).
/// </summary>
public abstract class DatabaseBackgroundService(DatabaseStartup startup) : BackgroundService
{
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await startup.WaitUntilReadyAsync(stoppingToken))
                await ExecuteWhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Told to stop. The host takes a cancelled service that it did not stop itself for a fault, and stops too.
        }
    }

    protected abstract Task ExecuteWhenReadyAsync(CancellationToken stoppingToken);
}

using GutImmune.Web.Accounts;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Data;

/// <summary>
/// Makes the database ready at start-up (a missing SQLite file copied from the seed database template when there is one,
/// <see cref="SeedDatabaseTemplate"/>; then <see cref="DatabaseInitializer"/>, then in Development the development admin)
/// on a thread of its own while the host builds the pipeline and starts the server: on two cores the start is then two
/// chains instead of one. The host's start (and so WebApplicationFactory's) still completes only when this has; a
/// failure is left to Program, which awaits <see cref="Ready"/> (<c>StartRefusal</c>'s one line and exit code, as when
/// the database was made before the host started), not to the host. Until then <c>StartupGate</c> holds requests and
/// readiness is false. With <c>Database:MigrateOnStartup=false</c> there is nothing to wait for.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _making = Task.CompletedTask;

    /// <summary>Completes when the database is ready; faults with the reason it could not be made ready.</summary>
    public Task Ready => options.Value.MigrateOnStartup ? _ready.Task : Task.CompletedTask;

    /// <summary>
    /// Completes when the making has ended, made or not (it never faults), or at once when it never began (a stop before
    /// the host's start reached it). The host's services must not be disposed before: Program waits for it, and is the one
    /// place that does, since only Program disposes them also when a stop cut the host's start short.
    /// </summary>
    public Task MakingEnded => _making;

    /// <summary>Waits until the database is ready; false when it could not be made ready (the process is stopping).</summary>
    public async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Ready.WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception) when (Ready.IsFaulted)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs before any hosted service's StartAsync, the server's included. Not cancelled by a stop: a schema or seed
    /// import cut off between its steps would leave a database the next start takes for made.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
            _making = Task.Run(InitializeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after every hosted service has started: the host's start waits here. Told to stop meanwhile, it lets the
    /// host stop (Program still waits for the database to be made); after a failure it waits until stopped (Program
    /// reports the failure).
    /// </summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Ready.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception) when (Ready.IsFaulted)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task InitializeAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var template = options.Value.SeedTemplate is { Length: > 0 } path ? Path.GetFullPath(path, environment.ContentRootPath) : null;
            await SeedDatabaseTemplate.CopyIfMissingAsync(scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>(), template, logger, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            if (environment.IsDevelopment())
                await AdminBootstrap.EnsureDevelopmentAdminAsync(scope.ServiceProvider, logger);
            _ready.SetResult();
        }
        catch (Exception e)
        {
            _ready.SetException(e);
        }
    }
}

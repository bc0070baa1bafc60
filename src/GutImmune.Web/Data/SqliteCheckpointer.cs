using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace GutImmune.Web.Data;

/// <summary>
/// Copies the SQLite write-ahead log into the database every <see cref="DatabaseOptions.SqliteCheckpointInterval"/>, off
/// the request path: the site's connections never checkpoint in a commit (see <c>SqliteGutImmuneDbContext</c>), where a
/// save paid for it once every 1,000 pages of log. A checkpoint loses nothing: a committed transaction is in the log until it is copied, and a
/// process that dies before or during the copy finds it there on the next open.
/// </summary>
/// <remarks>
/// Each tick is PASSIVE: it copies what no reader still needs and waits for nobody, so neither readers nor a save wait
/// for it. The log is written again from its start once a checkpoint has copied all of it, which the site's short
/// reads allow between two ticks. Readers that never stop could still keep every PASSIVE checkpoint from finishing
/// (SQLite's "checkpoint starvation"), and the log would grow without bound: when it holds more than
/// <see cref="LogFrameLimit"/> pages, a TRUNCATE checkpoint waits (up to the connection's busy timeout) for the readers
/// of older snapshots to finish, holding back writers meanwhile, copies everything and empties the file. A log that
/// is all copied and was not written since the last tick is emptied too (the site is idle, nobody waits): SQLite
/// reuses the file from its start but never shrinks it, and an idle site would keep up to 16 MB of it.
/// While the site runs it also holds one connection open that never reads again: SQLite removes the log and its
/// shared-memory index when the last connection to the file closes, which the connection pool does to idle connections
/// after a few minutes, and the next opening must create the index file again; on a full disk that is refused, and
/// readers, not only saves, would fail until space is made.
/// </remarks>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, TimeProvider clock,
    DatabaseStartup startup, ILogger<SqliteCheckpointer> logger) : DatabaseBackgroundService(startup)
{
    /// <summary>About 16 MB of log (4 KB pages), 500 saves of an article.</summary>
    public const int LogFrameLimit = 4000;

    /// <summary>
    /// What one checkpoint found: pages in the log and pages copied into the database (-1 when not in WAL mode or when
    /// another checkpoint was running), and whether the log was emptied.
    /// </summary>
    public readonly record struct Outcome(int LogFrames, int CopiedFrames, bool Truncated);

    private int _logFramesAtLastTick = -1;

    protected override async Task ExecuteWhenReadyAsync(CancellationToken stoppingToken)
    {
        await using var held = await HoldLogOpenAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SqliteCheckpointInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The SQLite checkpoint failed; the log keeps every commit, will try again");
            }
        }
    }

    private async Task<SqliteConnection?> HoldLogOpenAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().Database.GetConnectionString();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Opening alone does not touch the file: a first read opens the log and maps its index.
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_schema";
            await read.ExecuteScalarAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            logger.LogWarning("Could not hold a connection to the SQLite file open ({Reason}); on a full disk readers may then fail once idle connections close", e.Message);
            return null;
        }
    }

    public async Task<Outcome> CheckpointAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().Database;
        await db.OpenConnectionAsync(cancellationToken);
        try
        {
            var handle = ((SqliteConnection)db.GetDbConnection()).Handle!;
            var passive = Checkpoint(handle, raw.SQLITE_CHECKPOINT_PASSIVE);
            // The same length twice and all of it copied: no commit came in between (or one of exactly that length, which
            // would only wait a moment for the truncation).
            var idle = passive.LogFrames > 0 && passive.CopiedFrames == passive.LogFrames && passive.LogFrames == _logFramesAtLastTick;
            _logFramesAtLastTick = passive.LogFrames;
            if (passive.LogFrames <= LogFrameLimit && !idle)
                return passive;
            if (!idle) // after a large import as well as when readers starve the checkpoints
                logger.LogInformation("The SQLite log holds {Frames} pages; emptying it once the readers of older snapshots finish", passive.LogFrames);
            return Checkpoint(handle, raw.SQLITE_CHECKPOINT_TRUNCATE);
        }
        finally
        {
            await db.CloseConnectionAsync();
        }
    }

    private static Outcome Checkpoint(sqlite3 handle, int mode)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(handle, null, mode, out var logFrames, out var copiedFrames);
        // SQLITE_BUSY: another checkpoint was running, or a TRUNCATE waited its busy timeout for readers in vain; what could
        // be copied was, and the next tick tries again.
        if (rc != raw.SQLITE_BUSY)
            SqliteException.ThrowExceptionForRC(rc, handle);
        return new Outcome(logFrames, copiedFrames, Truncated: mode == raw.SQLITE_CHECKPOINT_TRUNCATE && rc == raw.SQLITE_OK);
    }
}

using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Data;

/// <summary>
/// SQLite's write-ahead log is copied into the database by a background service, not by the commit that crosses 1,000
/// pages: no committed write is lost on the way, and the log does not grow without bound.
/// </summary>
public class SqliteCheckpointerTests
{
    private const int PageSize = 4096;
    private const int FrameSize = PageSize + 24; // a WAL frame: a page and its header

    /// <summary>A site whose checkpointer does not tick during a test, which calls it instead.</summary>
    private sealed class SiteCheckpointedByHand : GutImmuneFactory
    {
        public SiteCheckpointedByHand() => Settings["Database:SqliteCheckpointInterval"] = "01:00:00";
    }

    [SqliteFact]
    public async Task A_commit_past_a_thousand_pages_leaves_them_in_the_log_where_a_dead_process_would_find_them()
    {
        using var site = new SiteCheckpointedByHand();
        await using var held = await HoldOpenAsync(site);
        var checkpointer = site.Services.GetRequiredService<SqliteCheckpointer>();
        await checkpointer.CheckpointAsync(CancellationToken.None);
        var databaseBefore = new FileInfo(site.DatabasePath).Length;

        await WritePagesAsync(site, 1500);

        Assert.Equal(databaseBefore, new FileInfo(site.DatabasePath).Length); // the commit copied nothing into the database
        Assert.True(new FileInfo(site.DatabasePath + "-wal").Length >= 1500L * FrameSize);
        Assert.Equal(1500, await RowsInCopyAsync(site)); // the files as a process that died now would leave them

        var outcome = await checkpointer.CheckpointAsync(CancellationToken.None);
        Assert.True(outcome.LogFrames >= 1500);
        Assert.Equal(outcome.LogFrames, outcome.CopiedFrames);
        Assert.True(new FileInfo(site.DatabasePath).Length >= databaseBefore + 1500L * PageSize);
        Assert.Equal(1500, await RowsInCopyAsync(site));

        // Once all of it is copied, the log is written again from its start: appended to, it would be twice as long.
        var log = new FileInfo(site.DatabasePath + "-wal").Length;
        await WritePagesAsync(site, 1500);
        Assert.InRange(new FileInfo(site.DatabasePath + "-wal").Length, log - 100L * FrameSize, log + 100L * FrameSize);
        Assert.Equal(3000, await RowsInCopyAsync(site));
    }

    [SqliteFact]
    public async Task The_site_checkpoints_in_the_background()
    {
        using var site = new GutImmuneFactory { Settings = { ["Database:SqliteCheckpointInterval"] = "00:00:00.200" } };
        await using var held = await HoldOpenAsync(site);
        await site.Services.GetRequiredService<SqliteCheckpointer>().CheckpointAsync(CancellationToken.None); // what start-up wrote
        var databaseBefore = new FileInfo(site.DatabasePath).Length;

        await WritePagesAsync(site, 1500);

        for (var waited = 0; new FileInfo(site.DatabasePath).Length < databaseBefore + 1500L * PageSize; waited += 50)
        {
            Assert.True(waited < 30_000, "The background checkpoint did not copy the log within 30 s");
            await Task.Delay(50);
        }
    }

    [SqliteFact]
    public async Task A_log_past_the_limit_is_emptied_once_copied()
    {
        using var site = new SiteCheckpointedByHand();
        await using var held = await HoldOpenAsync(site);
        var checkpointer = site.Services.GetRequiredService<SqliteCheckpointer>();

        await WritePagesAsync(site, SqliteCheckpointer.LogFrameLimit + 100);
        var outcome = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.True(outcome.Truncated, $"{outcome}");
        Assert.Equal(0, new FileInfo(site.DatabasePath + "-wal").Length);
        Assert.Equal(SqliteCheckpointer.LogFrameLimit + 100, await RowsInCopyAsync(site));
    }

    [SqliteFact]
    public async Task A_log_all_copied_and_not_written_since_the_last_checkpoint_is_emptied()
    {
        using var site = new SiteCheckpointedByHand();
        await using var held = await HoldOpenAsync(site);
        var checkpointer = site.Services.GetRequiredService<SqliteCheckpointer>();
        await WritePagesAsync(site, 100);

        var copied = await checkpointer.CheckpointAsync(CancellationToken.None);
        Assert.False(copied.Truncated, "a log written since the last checkpoint is only copied");
        Assert.True(new FileInfo(site.DatabasePath + "-wal").Length >= 100L * FrameSize);

        // The site's own start may still write (its background work, on a loaded machine): then the log is emptied at the
        // first tick after those writes, once all of it is copied.
        var idle = await checkpointer.CheckpointAsync(CancellationToken.None);
        for (var waited = 0; !idle.Truncated && waited < 10_000; waited += 100)
        {
            await Task.Delay(100);
            idle = await checkpointer.CheckpointAsync(CancellationToken.None);
        }
        Assert.True(idle.Truncated, $"{idle}");
        Assert.Equal(0, new FileInfo(site.DatabasePath + "-wal").Length);
        Assert.Equal(100, await RowsInCopyAsync(site));
    }

    /// <summary>
    /// A connection outside the site's pool, open until the test ends: when other tests clear the pools, the last of the
    /// site's connections to close would checkpoint and delete the log, which a running site never does.
    /// </summary>
    private static async Task<SqliteConnection> HoldOpenAsync(GutImmuneFactory site)
    {
        _ = site.Services;
        var connection = new SqliteConnection($"Data Source={site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM sqlite_master"; // SQLite opens the files at a connection's first read
        await read.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>One transaction through the site's own connections, about <paramref name="pages"/> pages of log.</summary>
    private static async Task WritePagesAsync(GutImmuneFactory site, int pages)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().Database;
        await db.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS CheckpointFiller (Id INTEGER PRIMARY KEY, Fill BLOB NOT NULL)");
        await db.ExecuteSqlRawAsync(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0}) INSERT INTO CheckpointFiller (Fill) SELECT zeroblob(3900) FROM n",
            pages);
    }

    /// <summary>The rows a copy of the database and its log hold, opened as a new process would (log recovery included).</summary>
    private static async Task<long> RowsInCopyAsync(GutImmuneFactory site)
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-checkpoint-").FullName;
        try
        {
            var copy = Path.Combine(folder, "copy.db");
            File.Copy(site.DatabasePath, copy);
            if (File.Exists(site.DatabasePath + "-wal"))
                File.Copy(site.DatabasePath + "-wal", copy + "-wal");
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM CheckpointFiller";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

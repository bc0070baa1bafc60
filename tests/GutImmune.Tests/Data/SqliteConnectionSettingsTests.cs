using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace GutImmune.Tests.Data;

/// <summary>What every SQLite connection of the site is set to, and that it is set once per physical connection.</summary>
public class SqliteConnectionSettingsTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [SqliteFact]
    public async Task A_new_physical_connection_waits_for_writers_commits_without_flushing_and_never_checkpoints_in_a_commit()
    {
        _ = factory.Services;
        SqliteConnection.ClearAllPools(); // the next open makes a new sqlite3 handle
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().Database;
        await db.OpenConnectionAsync();
        try
        {
            var connection = (SqliteConnection)db.GetDbConnection();
            Assert.Equal(5000L, Pragma(connection, "busy_timeout"));
            Assert.Equal(1L, Pragma(connection, "synchronous")); // NORMAL
            Assert.Equal(0L, Pragma(connection, "wal_autocheckpoint")); // SqliteCheckpointer checkpoints instead
        }
        finally
        {
            await db.CloseConnectionAsync();
        }
    }

    [SqliteFact]
    public async Task A_pooled_open_reuses_the_connection_without_setting_it_again()
    {
        _ = factory.Services;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>().Database;
        await db.OpenConnectionAsync();
        var handle = ((SqliteConnection)db.GetDbConnection()).Handle!;
        // Changed behind the site's back: were the settings applied on each open, the next open would put NORMAL back.
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(handle, "PRAGMA synchronous = FULL;"));
        await db.CloseConnectionAsync();

        try
        {
            // The site's background services share the pool, so this handle may come back after a few opens.
            for (var open = 1; ; open++)
            {
                await db.OpenConnectionAsync();
                var connection = (SqliteConnection)db.GetDbConnection();
                var same = ReferenceEquals(connection.Handle, handle);
                var synchronous = same ? Pragma(connection, "synchronous") : 0;
                await db.CloseConnectionAsync();
                if (same)
                {
                    Assert.Equal(2L, synchronous); // FULL, as left: the open did not run the PRAGMA again
                    return;
                }
                Assert.True(open < 50, "The pooled connection never came back");
                await Task.Delay(10);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the altered connection is closed, not lent to the next test
        }
    }

    [SqliteFact]
    public async Task An_operator_can_have_every_commit_wait_for_the_disk()
    {
        using var site = new GutImmuneFactory { Settings = { ["Database:SqliteSynchronous"] = "Full" } };
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
        for (var i = 0; i < 3; i++) // the pool's connection again, as each query opens one
            Assert.Equal([2], await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync());
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)command.ExecuteScalar()!;
    }

    [Theory]
    [InlineData("Database:SqliteSynchronous", "99", "Database:SqliteSynchronous must be Normal or Full")]
    [InlineData("Database:SqliteSynchronous", "-1", "Database:SqliteSynchronous must be Normal or Full")]
    [InlineData("Database:SqliteCheckpointInterval", "10", "Database:SqliteCheckpointInterval must be between")] // ten days
    [InlineData("Database:SqliteCheckpointInterval", "00:00:00", "Database:SqliteCheckpointInterval must be between")]
    [InlineData("Database:SqliteCheckpointInterval", "-00:00:02", "Database:SqliteCheckpointInterval must be between")]
    public void A_database_setting_out_of_its_values_stops_the_start_saying_which_and_what_is_allowed(string setting, string value, string message)
    {
        using var site = new GutImmuneFactory();
        site.Settings[setting] = value;

        var refused = Assert.ThrowsAny<Exception>(() => site.Services);
        Assert.Contains(message, refused.ToString());
    }
}

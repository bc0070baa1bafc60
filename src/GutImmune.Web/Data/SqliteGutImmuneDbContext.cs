using System.Data.Common;
using System.Runtime.CompilerServices;
using GutImmune.Web.Data.CompiledModels.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SQLitePCL;

namespace GutImmune.Web.Data;

/// <summary>The site's data in one SQLite file (the default): migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteGutImmuneDbContext(DbContextOptions<SqliteGutImmuneDbContext> options) : GutImmuneDbContext(options)
{
    /// <summary>
    /// The compiled model (Data/CompiledModels/Sqlite, `dotnet ef dbcontext optimize`, see README) spares each start
    /// building the model from the configurations. <c>CompiledModelTests</c> fails when it no longer matches them.
    /// </summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString, SqliteSynchronousMode synchronous) => options
        .UseSqlite(connectionString)
        .UseModel(SqliteGutImmuneDbContextModel.Instance)
        .ConfigureWarnings(SkipPendingModelCheck)
        .ConfigureWarnings(LeaveFailuresToTheirCaller)
        .AddInterceptors(new ConnectionSettingsInterceptor(synchronous));

    /// <summary>
    /// A relative data source is resolved against the content root (not the working directory) and its folder is
    /// created, so the site starts on an empty machine.
    /// </summary>
    public static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    public override string MigrationsFolder => "Sqlite";

    /// <summary>
    /// One SQLite file is one site, but `migrate`, `create-admin` or a second site started beside it on a new file would
    /// import the seed article twice (the second failed on its unique slug). They take turns by a lock file beside the
    /// database (an exclusive lock the system drops with the process, so a killed start leaves nothing held). The file is
    /// never deleted: the lock is on the open file, not its name, so a process waiting with the old file open would take
    /// its lock while another made and locked a new file under the name, and both would be in their turn at once.
    /// </summary>
    public override async Task<IAsyncDisposable> WaitForStartupTurnAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(Database.GetConnectionString());
        if (builder.DataSource is not { Length: > 0 } file || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return await base.WaitForStartupTurnAsync(cancellationToken);
        // A file that is no database is refused (SQLite reads its header) before the lock file is made beside it: a start
        // or a command that refuses the file leaves nothing new in its folder. So is a file this process may only read,
        // before SQLite reads it: reading a WAL database makes its -shm file, with the database file's mode (read-only).
        await RefuseReadOnlyFileAsync(file, cancellationToken);
        await Database.ExecuteSqlRawAsync("PRAGMA schema_version;", cancellationToken);
        var lockPath = file + "-startup-lock";
        var waitedSince = DateTime.UtcNow;
        while (true)
        {
            try
            {
                return new StartupTurn(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (UnauthorizedAccessException)
            {
                // A folder this process may not write to: SQLite refuses the database itself with its own message.
                return await base.WaitForStartupTurnAsync(cancellationToken);
            }
            catch (IOException) when (File.Exists(lockPath) && DateTime.UtcNow - waitedSince < StartupTurnWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private static readonly TimeSpan StartupTurnWait = TimeSpan.FromMinutes(2);

    private sealed class StartupTurn(FileStream held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => held.DisposeAsync();
    }

    public override async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await base.MigrateAsync(cancellationToken);
        // WAL is a property of the file: set once, it holds for every later connection. Readers never wait for a writer.
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        // A writable database file whose -wal or -shm file is read-only (left so by an earlier start on a read-only file)
        // reads well and refuses every write: a write transaction, begun and rolled back, finds it at start.
        var file = new SqliteConnectionStringBuilder(Database.GetConnectionString()).DataSource;
        // One busy timeout tells a writer from a read-only file: the command's own retries would hold the start 30 s.
        var commandTimeout = Database.GetCommandTimeout();
        Database.SetCommandTimeout(1);
        try
        {
            await Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE; ROLLBACK;", cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == raw.SQLITE_READONLY)
        {
            throw ReadOnly($"{file} (or its -wal or -shm file beside it)");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == raw.SQLITE_BUSY)
        {
            // Another process writing (a long import, a backup tool) is no read-only file: the site starts and serves
            // readers, and its saves wait for that writer as any save does.
            this.GetService<ILoggerFactory>().CreateLogger<SqliteGutImmuneDbContext>().LogWarning(
                "Another process held {Database}'s write lock past the busy timeout ({BusyTimeout} ms): the start could not check that "
                + "the site may write to it, and goes on. Saves wait for that writer, or fail if it keeps the lock.",
                file, ConnectionSettingsInterceptor.BusyTimeoutMilliseconds);
        }
        finally
        {
            Database.SetCommandTimeout(commandTimeout);
        }
        return applied;
    }

    public override long? FreeDiskBytes() =>
        new SqliteConnectionStringBuilder(Database.GetConnectionString()) is { DataSource: { Length: > 0 } file } builder
        && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder
            ? new DriveInfo(folder).AvailableFreeSpace
            : null;

    public override async Task<string?> ReadOnlyReasonAsync(CancellationToken cancellationToken) =>
        await OpensReadOnlyAsync(cancellationToken) ? "The database file is read-only to the site." : null;

    /// <summary>
    /// SQLite opens a file it may not write read-only without a word (or as `Mode=ReadOnly` asks): the site would serve
    /// readers and fail every sign-in and save. A file not there yet is made writable.
    /// </summary>
    private async Task RefuseReadOnlyFileAsync(string file, CancellationToken cancellationToken)
    {
        if (File.Exists(file) && await OpensReadOnlyAsync(cancellationToken))
            throw ReadOnly(file);
    }

    /// <summary>
    /// Asked of a connection of its own, opened now (a pooled one keeps the access it was opened with), without the
    /// site's connection settings (their pragmas read the file), and never making a database where the file has gone.
    /// </summary>
    private async Task<bool> OpensReadOnlyAsync(CancellationToken cancellationToken)
    {
        var fresh = new SqliteConnectionStringBuilder(Database.GetConnectionString()) { Pooling = false };
        if (fresh.Mode == SqliteOpenMode.ReadWriteCreate)
            fresh.Mode = SqliteOpenMode.ReadWrite;
        await using var connection = new SqliteConnection(fresh.ToString());
        await connection.OpenAsync(cancellationToken);
        return raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
    }

    private static SqliteException ReadOnly(string what) =>
        new($"SQLite Error {raw.SQLITE_READONLY}: the database file {what} is read-only to this process (its mode or owner, or Mode=ReadOnly "
            + "in the connection string); the site writes to its database.", raw.SQLITE_READONLY);

    /// <summary>
    /// Readers and an editor share one SQLite file: with WAL readers never wait, and a writer that meets another writer
    /// waits up to five seconds instead of failing with SQLITE_BUSY. A commit syncs the write-ahead log only at
    /// checkpoints (<c>synchronous = NORMAL</c>, SQLite's advice for WAL, unless `Database:SqliteSynchronous` says `Full`)
    /// instead of on every commit: a save does not wait for the disk's flush (about 7 ms here), and a committed save still
    /// survives the process dying; only a power cut or an OS crash can undo the last commits before the next checkpoint,
    /// never corrupting the file. No commit runs a checkpoint (<c>wal_autocheckpoint</c> off): the save that crossed 1,000
    /// pages of log paid for copying them into the database and two flushes; <see cref="SqliteCheckpointer"/> does that in
    /// the background instead.
    /// Each connection keeps at most 512 KiB of pages (<c>cache_size = -512</c>) instead of SQLite's 2 MB: the pool holds a
    /// connection per concurrent request, and at 100,000 articles 32 readers filled 32 caches (about 66 MiB of the peak,
    /// bench/README "Third round (m1)"); the file's pages stay in the operating system's cache (the random-article run
    /// took 8 % more CPU with it, on a loaded machine).
    /// </summary>
    /// <remarks>
    /// Microsoft.Data.Sqlite pools connections and a query opens one each time; a pooled open hands back the same sqlite3
    /// handle, which keeps these settings, so they are applied once per handle (a new handle is a new physical connection),
    /// through SQLite's C API and one statement, instead of being parsed and run on every open.
    /// </remarks>
    private sealed class ConnectionSettingsInterceptor(SqliteSynchronousMode synchronous) : DbConnectionInterceptor
    {
        public const int BusyTimeoutMilliseconds = 5000;

        private readonly ConditionalWeakTable<sqlite3, object> _configured = new();
        private readonly string _settingsPragmas = $"PRAGMA synchronous = {(int)synchronous}; PRAGMA cache_size = -512;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            var handle = ((SqliteConnection)connection).Handle!;
            if (_configured.TryGetValue(handle, out _))
                return;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds), handle);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_wal_autocheckpoint(handle, 0), handle);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(handle, _settingsPragmas), handle);
            _configured.TryAdd(handle, handle);
        }
    }
}

/// <summary>For `dotnet ef migrations add ... --context SqliteGutImmuneDbContext`: no database is opened.</summary>
public sealed class SqliteGutImmuneDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGutImmuneDbContext>
{
    public SqliteGutImmuneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

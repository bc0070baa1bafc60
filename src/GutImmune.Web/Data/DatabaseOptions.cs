using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Data;

/// <summary>The `Database` configuration section: which engine holds the site's data.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>`Sqlite` (one file, one instance) or `Postgres` (a server several instances share).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Migrate and seed at start-up (one instance). Set false where the `migrate` command runs once as a deployment step
    /// before the instances start; an instance then reports not started (/healthz/startup) until the schema is current.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// The seed database template a start copies when its SQLite file does not exist (<see cref="SeedDatabaseTemplate"/>),
    /// relative to the content root: the published folder's, made by the publish. Empty: every new database is made from
    /// the migrations and the seed files. A path where no file is (`dotnet run`) is the same.
    /// </summary>
    public string SeedTemplate { get; set; } = "Data/Seed/template.db";

    /// <summary>
    /// SQLite's `synchronous` on every connection: `Normal` (SQLite's advice for WAL: a commit survives the process dying,
    /// the log is synced at checkpoints) or `Full` (each commit waits for the disk's flush and survives a power cut too).
    /// </summary>
    [EnumDataType(typeof(SqliteSynchronousMode), ErrorMessage = "Database:SqliteSynchronous must be Normal or Full.")]
    public SqliteSynchronousMode SqliteSynchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>How often <see cref="SqliteCheckpointer"/> copies SQLite's write-ahead log into the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00",
        ErrorMessage = "Database:SqliteCheckpointInterval must be between 00:00:00.1 and 01:00:00 (hh:mm:ss; a bare number is days).")]
    public TimeSpan SqliteCheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The values of SQLite's `PRAGMA synchronous` that keep a WAL database consistent after a power cut.</summary>
public enum SqliteSynchronousMode
{
    Normal = 1,
    Full = 2,
}

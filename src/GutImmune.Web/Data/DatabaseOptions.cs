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
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

namespace GutImmune.Web.Data;

/// <summary>The `Database` configuration section: which engine holds the site's data.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>`Sqlite` (one file, one instance) or `Postgres` (a server several instances share).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

using Npgsql;

namespace GutImmune.Tests.ScaleOut;

/// <summary>A new, empty database on the test PostgreSQL server, dropped (with any connections still open) when disposed.</summary>
public sealed class PostgresDatabase : IDisposable
{
    public string Name { get; } = "gutimmune_test_" + Guid.NewGuid().ToString("N");

    public PostgresDatabase()
    {
        using var server = new NpgsqlConnection(TestServices.Postgres ?? throw new InvalidOperationException(TestServices.Missing));
        server.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", server);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = Name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Settings that put a site on this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> SiteSettings =>
    [
        new("Database:Provider", "Postgres"),
        new("ConnectionStrings:Default", ConnectionString),
    ];

    public void Dispose()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        using var server = new NpgsqlConnection(TestServices.Postgres);
        server.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", server);
        drop.ExecuteNonQuery();
    }
}

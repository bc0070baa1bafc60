using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GutImmune.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the content store on SQLite. A relative data source is resolved against the content root (not the
    /// working directory) and its folder is created, so the site starts on an empty machine.
    /// </summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = SqliteConnectionStringFor(
            configuration.GetConnectionString("Default") ?? "Data Source=data/gutimmune.db", environment.ContentRootPath);
        services.AddDbContext<GutImmuneDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteBusyTimeoutInterceptor()));
        return services;
    }

    internal static string SqliteConnectionStringFor(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Readers and an editor share one SQLite file: with WAL readers never wait, and a writer that meets another writer
    /// waits up to five seconds instead of failing with SQLITE_BUSY.
    /// </summary>
    private sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
    {
        private const string Pragma = "PRAGMA busy_timeout = 5000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

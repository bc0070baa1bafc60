using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace GutImmune.Web.Data;

/// <summary>
/// A database without any table gets every migration at once: the engine's <c>Schema.sql</c> (beside its migrations,
/// written by <c>dotnet ef migrations script --no-transactions</c>, see README) in one transaction, with the migration
/// history it writes, so that Migrate then finds nothing pending. Applying the migrations one by one builds each one's
/// target model from its Designer file and commits each on its own: most of a first start's second.
/// <c>FreshSchemaTests</c> fails when the script is not what the migrations generate or the schemas differ.
/// </summary>
public static class FreshSchema
{
    /// <summary>Whether the database does not exist yet or has no table: what <see cref="CreateIfEmptyAsync"/> would make.</summary>
    public static async Task<bool> IsEmptyAsync(GutImmuneDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        return !await creator.ExistsAsync(cancellationToken) || !await creator.HasTablesAsync(cancellationToken);
    }

    /// <summary>Runs the script when the database has no table (creating the database if need be); says whether it did.</summary>
    public static async Task<bool> CreateIfEmptyAsync(GutImmuneDbContext db, string engine, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
            await creator.CreateAsync(cancellationToken);
        else if (await creator.HasTablesAsync(cancellationToken))
            return false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // A command of its own, not ExecuteSqlRaw: that reads braces in the script (PostgreSQL function bodies) as placeholders.
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = Script(engine);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception)
        {
            // Another instance starting at the same time created the schema first (its tables now exist, ours were
            // rolled back): what is left is the migrations' check, under their lock.
            if (await creator.HasTablesAsync(CancellationToken.None))
                return false;
            throw;
        }
    }

    /// <summary>
    /// The assembly's migrations the database's migration history lacks: what Migrate would apply. EF Core's own answer
    /// (GetPendingMigrations) builds the history table's model first, a fixed cost of every start; the history is one
    /// column to read. A database without the history table lacks them all.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(GutImmuneDbContext db, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(reader.GetString(0));
        }
        catch (DbException)
        {
            applied.Clear();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return db.Database.GetMigrations().Where(id => !applied.Contains(id)).ToList();
    }

    /// <summary>The script of an engine's migrations, by the folder they live in (Sqlite, Postgres).</summary>
    public static string Script(string engine)
    {
        var name = $"GutImmune.Web.Data.Migrations.{engine}.Schema.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

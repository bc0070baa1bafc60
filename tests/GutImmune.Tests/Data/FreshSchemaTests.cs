using GutImmune.Tests.ScaleOut;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace GutImmune.Tests.Data;

/// <summary>
/// A database without tables is created from each engine's Schema.sql instead of migration by migration
/// (<see cref="FreshSchema"/>): the script must be what the migrations generate, and leave the same schema and history as
/// applying them one by one. A failure of the first kind means: regenerate the script (README, Migrations).
/// </summary>
public class FreshSchemaTests
{
    [Fact]
    public void Sqlite_schema_script_is_what_the_migrations_generate()
    {
        using var db = new SqliteGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        AssertScriptIsCurrent(db);
    }

    [Fact]
    public void Postgres_schema_script_is_what_the_migrations_generate()
    {
        using var db = new PostgresGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        AssertScriptIsCurrent(db);
    }

    [Fact]
    public async Task Sqlite_database_made_from_the_script_has_the_schema_and_history_of_every_migration_applied()
    {
        using var scripted = new TemporarySqliteDatabase();
        using var migrated = new TemporarySqliteDatabase();
        await using var fromScript = scripted.Open();
        await using var fromMigrations = migrated.Open();

        Assert.True(await FreshSchema.CreateIfEmptyAsync(fromScript, fromScript.MigrationsFolder, CancellationToken.None));
        await fromScript.MigrateAsync(CancellationToken.None);
        await fromMigrations.GetService<IMigrator>().MigrateAsync();
        await fromMigrations.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");

        Assert.Empty(await fromScript.Database.GetPendingMigrationsAsync());
        const string Schema = """SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') AS "Value" FROM sqlite_master WHERE name NOT LIKE '%EFMigrationsLock%'""";
        // EF's lock table aside: a later Migrate makes it when it needs it.
        var schema = await Rows(fromMigrations, Schema);
        Assert.Contains(schema, row => row.StartsWith("table SearchIndex ON SearchIndex: CREATE VIRTUAL TABLE SearchIndex USING fts5"));
        Assert.Contains(schema, row => row.StartsWith("trigger SearchEntries_AfterInsert"));
        Assert.Equal(schema, await Rows(fromScript, Schema));
        Assert.Equal(await Rows(fromMigrations, History), await Rows(fromScript, History));
    }

    [Fact]
    public async Task A_site_that_finds_the_schema_made_by_another_starting_at_the_same_moment_starts_on_it()
    {
        using var file = new TemporarySqliteDatabase();
        await using var other = file.Open();
        await using var site = file.Open();
        // The other instance is writing the schema: not committed yet, so the site still finds no tables.
        await other.Database.OpenConnectionAsync();
        await using var otherWrite = await other.Database.BeginTransactionAsync();
        await using (var command = other.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = otherWrite.GetDbTransaction();
            command.CommandText = FreshSchema.Script(other.MigrationsFolder);
            await command.ExecuteNonQueryAsync();
        }

        var creating = Task.Run(() => FreshSchema.CreateIfEmptyAsync(site, site.MigrationsFolder, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the site now waits for the other's write lock
        await otherWrite.CommitAsync();

        Assert.False(await creating);
        await site.MigrateAsync(CancellationToken.None);
        Assert.Empty(await site.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Start_ups_on_one_sqlite_file_take_turns_so_that_the_seed_is_imported_once()
    {
        using var file = new TemporarySqliteDatabase();
        await using var site = file.Open();
        await using var migrateCommand = file.Open();
        var sitesTurn = await site.WaitForStartupTurnAsync(CancellationToken.None);

        var commandsTurn = migrateCommand.WaitForStartupTurnAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(commandsTurn.IsCompleted);

        await sitesTurn.DisposeAsync();
        await (await commandsTurn.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    [Fact]
    public async Task A_database_is_empty_until_it_has_tables_so_that_only_a_new_one_has_its_seed_read_beside_the_schema()
    {
        using var file = new TemporarySqliteDatabase();
        await using var db = file.Open();

        Assert.True(await FreshSchema.IsEmptyAsync(db, CancellationToken.None));
        await db.GetService<IRelationalDatabaseCreator>().CreateAsync();
        Assert.True(await FreshSchema.IsEmptyAsync(db, CancellationToken.None));
        Assert.True(await FreshSchema.CreateIfEmptyAsync(db, db.MigrationsFolder, CancellationToken.None));
        Assert.False(await FreshSchema.IsEmptyAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task Sqlite_database_with_tables_is_left_to_the_migrations()
    {
        using var file = new TemporarySqliteDatabase();
        await using var db = file.Open();
        await db.GetService<IMigrator>().MigrateAsync("AddSearch");

        Assert.False(await FreshSchema.CreateIfEmptyAsync(db, db.MigrationsFolder, CancellationToken.None));
        Assert.Equal(3, (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.Equal(db.Database.GetMigrations().Skip(3), await db.MigrateAsync(CancellationToken.None));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_database_lacks_the_migrations_its_history_does_not_hold()
    {
        using var file = new TemporarySqliteDatabase();
        await using var db = file.Open();
        await db.GetService<IRelationalDatabaseCreator>().CreateAsync();

        Assert.Equal(db.Database.GetMigrations(), await FreshSchema.PendingMigrationsAsync(db, CancellationToken.None));
        await db.GetService<IMigrator>().MigrateAsync("AddSearch");
        Assert.Equal(db.Database.GetMigrations().Skip(3), await FreshSchema.PendingMigrationsAsync(db, CancellationToken.None));
        await db.GetService<IMigrator>().MigrateAsync();
        Assert.Empty(await FreshSchema.PendingMigrationsAsync(db, CancellationToken.None));
    }

    [ServicesFact]
    public async Task Postgres_database_made_from_the_script_has_the_schema_and_history_of_every_migration_applied()
    {
        using var scripted = new PostgresDatabase();
        using var migrated = new PostgresDatabase();
        await using var fromScript = OpenPostgres(scripted);
        await using var fromMigrations = OpenPostgres(migrated);

        Assert.True(await FreshSchema.CreateIfEmptyAsync(fromScript, fromScript.MigrationsFolder, CancellationToken.None));
        await fromScript.MigrateAsync(CancellationToken.None);
        await fromMigrations.GetService<IMigrator>().MigrateAsync();

        Assert.Empty(await fromScript.Database.GetPendingMigrationsAsync());
        // Columns, constraints, indexes, triggers and functions of the public schema, each as its definition (EF's lock
        // table aside: a later Migrate makes it when it needs it).
        const string Schema = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS "Value"
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsLock'
            UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '%EFMigrationsLock%'
            UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsLock'
            UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
            UNION ALL SELECT 'function ' || proname || ' ' || pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            """;
        var schema = await Rows(fromMigrations, Schema);
        Assert.Contains(schema, row => row.StartsWith("index IX_SearchEntries_"));
        Assert.Equal(schema, await Rows(fromScript, Schema));
        Assert.Equal(await Rows(fromMigrations, History), await Rows(fromScript, History));
    }

    private const string History = """
        SELECT "MigrationId" || ' ' || "ProductVersion" AS "Value" FROM "__EFMigrationsHistory"
        """;

    private static void AssertScriptIsCurrent(GutImmuneDbContext db)
    {
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);

        Assert.True(Normalized(generated) == Normalized(FreshSchema.Script(db.MigrationsFolder)),
            $"Data/Migrations/{db.MigrationsFolder}/Schema.sql is not what the migrations generate: run dotnet ef migrations script --no-transactions "
            + $"--context {db.GetType().Name} (see README)");
    }

    private static string Normalized(string script) => script.Replace("\r\n", "\n").TrimStart('\uFEFF').Trim();

    private static async Task<List<string>> Rows(GutImmuneDbContext db, string sql) =>
        (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Order(StringComparer.Ordinal).ToList();

    private static PostgresGutImmuneDbContext OpenPostgres(PostgresDatabase database) =>
        new(new DbContextOptionsBuilder<PostgresGutImmuneDbContext>().UseNpgsql(database.ConnectionString).Options);

    private sealed class TemporarySqliteDatabase : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"gutimmune-fresh-{Guid.NewGuid():N}.db");

        public SqliteGutImmuneDbContext Open() =>
            new(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite($"Data Source={_path}").Options);

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-startup-lock" })
                File.Delete(_path + suffix);
        }
    }
}

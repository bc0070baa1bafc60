using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

/// <summary>
/// A new SQLite database made once by the publish (`make-seed-database`, an MSBuild target after Publish): the schema and
/// the imported seed articles. A start whose SQLite file does not exist copies it instead of running the schema script
/// and the import, the half second of first-use JIT a fresh start spends there (bench/README, "Twelfth round (cold)");
/// the normal start follows (pending migrations, checks). A template of another build is not copied: its migration history
/// must be the assembly's migrations and its <c>user_version</c> this build's (the site assembly's MVID), else the start
/// makes the database as before. It holds nothing an install must not share: <see cref="MakeAsync"/> refuses a database
/// with accounts, keys, review links or webhook endpoints.
/// </summary>
public static class SeedDatabaseTemplate
{
    public const string Command = "make-seed-database";

    /// <summary>Tables whose rows belong to one install (secrets, accounts, endpoints): a template has none.</summary>
    private static readonly string[] PerInstallTables =
    [
        "AspNetUsers", "AspNetUserTokens", "AspNetUserLogins", "DataProtectionKeys", "ApiKeys", "ReviewLinks",
        "WebhookEndpoints", "WebhookDeliveries",
    ];

    /// <summary>This build's mark in a template's <c>PRAGMA user_version</c> (EF Core leaves it 0).</summary>
    public static int BuildMark { get; } = BitConverter.ToInt32(typeof(SeedDatabaseTemplate).Assembly.ManifestModule.ModuleVersionId.ToByteArray()) | 1;

    /// <summary>The `make-seed-database PATH` command: makes the template at PATH (a new file) as a fresh start would.</summary>
    public static async Task<int> RunMakeCommandAsync(IServiceProvider services, string path, TextWriter output)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await MakeAsync(path);
        output.WriteLine($"Made the seed database template {path}.");
        return 0;
    }

    /// <summary>
    /// Makes the database at <paramref name="path"/>, just initialized and no longer in use, a template: checked for
    /// per-install rows, marked with this build, and left in one file (rollback journal, no -wal or -shm beside it), which a
    /// start may read where it may not write (a published folder in an image).
    /// </summary>
    public static async Task MakeAsync(string path)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync();
        foreach (var table in PerInstallTables)
            if (await ScalarAsync<long>(connection, $"SELECT count(*) FROM \"{table}\"") != 0)
                throw new InvalidOperationException($"The seed database template {path} has rows in {table}, which belong to one install.");
        await ExecuteAsync(connection, $"PRAGMA user_version = {BuildMark}; PRAGMA journal_mode = DELETE;");
    }

    /// <summary>
    /// Copies <paramref name="templatePath"/> to the site's SQLite file when that file does not exist and the template is
    /// this build's; says whether it did. PostgreSQL, an in-memory database, no template: nothing to copy.
    /// </summary>
    public static async Task<bool> CopyIfMissingAsync(GutImmuneDbContext db, string? templatePath, ILogger logger, CancellationToken cancellationToken)
    {
        if (db is not SqliteGutImmuneDbContext || string.IsNullOrEmpty(templatePath) || !File.Exists(templatePath))
            return false;
        var target = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        // Only where SQLite itself would make the file (the default mode): a read-only or must-exist connection refuses a
        // missing file, and a refused start leaves nothing new beside it.
        if (target.DataSource is not { Length: > 0 } file || file == ":memory:" || target.Mode != SqliteOpenMode.ReadWriteCreate || File.Exists(file))
            return false;
        if (await MismatchAsync(db, templatePath, cancellationToken) is { } mismatch)
        {
            logger.LogWarning("The seed database template {Template} is not used: {Reason}; the database is made from the migrations and the seed files", templatePath, mismatch);
            return false;
        }
        // Copied under another name and moved into place without replacing: a start beside this one that made the file
        // meanwhile keeps its own, and a copy cut short is never taken for a database.
        var copy = $"{file}.{Guid.NewGuid():N}.template";
        try
        {
            File.Copy(templatePath, copy);
            File.Move(copy, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder the site may not write (a volume owned by another user), a full disk: the start goes on as without
            // a template, where SQLite refuses the file with the one line and exit code an operator is told about.
            logger.LogWarning("The seed database template {Template} could not be copied to {File}: {Reason}", templatePath, file, e.Message);
            return false;
        }
        finally
        {
            if (File.Exists(copy))
                File.Delete(copy);
        }
        logger.LogInformation("Made the database {File} from the seed database template {Template}", file, templatePath);
        return true;
    }

    /// <summary>Why the template is not this build's, or null when it is.</summary>
    private static async Task<string?> MismatchAsync(GutImmuneDbContext db, string templatePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = templatePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetString(0));
            }
            if (!applied.SetEquals(db.Database.GetMigrations()))
                return "its migration history is not this build's migrations";
            if (await ScalarAsync<long>(connection, "PRAGMA user_version") != BuildMark)
                return "it was made by another build";
            return null;
        }
        catch (SqliteException e)
        {
            return $"it cannot be read ({e.Message})";
        }
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using System.Text;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace GutImmune.Tests.Data;

/// <summary>
/// A start on a missing SQLite file copies the seed database template (made as the publish makes it: a fresh start, then
/// SeedDatabaseTemplate.MakeAsync) when the template is this build's, and otherwise makes the database as before. Every
/// site here runs on one fixed clock, so that the template's rows and pages and the import's are comparable byte for byte.
/// </summary>
public sealed class SeedDatabaseTemplateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2031, 3, 2, 9, 30, 0, TimeSpan.Zero); // ahead: FakeTimeProvider only goes forward
    private static readonly string[] ReaderPages =
        ["/", "/articles/gut-immune-system-connection", "/articles/gut-immune-system-connection/introduction", "/feed.xml", "/sitemap.xml", "/search?q=microbiome"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gutimmune-template-");

    private string TemplatePath => Path.Combine(_folder.FullName, "template.db");

    [SqliteFact]
    public async Task A_start_on_a_missing_file_copies_the_template_with_the_same_rows_and_reader_pages_as_the_import()
    {
        await MakeTemplateAsync();

        await using var imported = Site(template: "");
        await using var copied = Site(template: TemplatePath);
        _ = (imported.Server, copied.Server);

        Assert.Equal(0L, await UserVersionAsync(imported.DatabasePath));
        Assert.Equal((long)SeedDatabaseTemplate.BuildMark, await UserVersionAsync(copied.DatabasePath));
        // Rows before pages: a page may add a site's own data-protection key.
        Assert.Equal(await RowsAsync(imported), await RowsAsync(copied));
        Assert.Equal(await PagesAsync(imported), await PagesAsync(copied));
    }

    public static TheoryData<string> Mismatches => ["a migration missing from its history", "another build's mark"];

    [SqliteTheory]
    [MemberData(nameof(Mismatches))]
    public async Task A_template_of_another_build_is_not_copied_and_the_database_is_made_as_before(string mismatch)
    {
        await MakeTemplateAsync();
        await using (var connection = new SqliteConnection($"Data Source={TemplatePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = mismatch == "another build's mark"
                ? $"PRAGMA user_version = {SeedDatabaseTemplate.BuildMark + 2}"
                : """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT max("MigrationId") FROM "__EFMigrationsHistory")""";
            await command.ExecuteNonQueryAsync();
        }

        await using var site = Site(template: TemplatePath);
        var article = await site.CreateClient().GetAsync("/articles/gut-immune-system-connection");

        Assert.Equal(System.Net.HttpStatusCode.OK, article.StatusCode);
        Assert.Equal(0L, await UserVersionAsync(site.DatabasePath));
        Assert.Empty(await site.WithServiceAsync<GutImmuneDbContext, IReadOnlyList<string>>(db => FreshSchema.PendingMigrationsAsync(db, CancellationToken.None)));
    }

    /// <summary>
    /// A review's findings: a folder the copy cannot write to (here one that does not exist) threw out of the start instead
    /// of leaving SQLite to refuse the file with its one line; a connection that may not make the file (read-only) got one.
    /// </summary>
    [SqliteTheory]
    [InlineData("a folder that is not there", "")]
    [InlineData("a read-only connection", ";Mode=ReadOnly")]
    public async Task The_template_is_not_copied_where_sqlite_would_not_make_the_file_and_the_start_goes_on(string where, string mode)
    {
        await MakeTemplateAsync();
        var file = where == "a folder that is not there" ? Path.Combine(_folder.FullName, "missing", "site.db") : Path.Combine(_folder.FullName, "site.db");
        await using var db = new SqliteGutImmuneDbContext(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite($"Data Source={file}{mode}").Options);

        var copied = await SeedDatabaseTemplate.CopyIfMissingAsync(db, TemplatePath, NullLogger.Instance, CancellationToken.None);

        Assert.False(copied);
        Assert.False(File.Exists(file), $"nothing made for {where}");
        Assert.DoesNotContain(Directory.GetFiles(_folder.FullName, "*", SearchOption.AllDirectories),
            f => f.EndsWith(".template", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("site.db", StringComparison.Ordinal));
    }

    /// <summary>As the publish does: a new database made by a start, then made a template once the site has stopped.</summary>
    private async Task MakeTemplateAsync()
    {
        await using (var maker = Site(template: ""))
        {
            maker.Settings["ConnectionStrings:Default"] = $"Data Source={TemplatePath}";
            _ = maker.Server;
        }
        await SeedDatabaseTemplate.MakeAsync(TemplatePath);
        Assert.False(File.Exists(TemplatePath + "-wal"), "the template is one file");
    }

    private static GutImmuneFactory Site(string template)
    {
        var site = new GutImmuneFactory { UseFakeClock = true };
        site.Clock.SetUtcNow(Now);
        site.Settings["Database:SeedTemplate"] = template;
        return site;
    }

    private static async Task<List<string>> PagesAsync(GutImmuneFactory site)
    {
        var client = site.CreateClient();
        var pages = new List<string>();
        foreach (var path in ReaderPages)
        {
            var response = await client.GetAsync(path);
            pages.Add($"{path} {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }
        return pages;
    }

    /// <summary>Every row of every table, in the order SQLite reads them, blobs in hex.</summary>
    private static async Task<List<string>> RowsAsync(GutImmuneFactory site)
    {
        await using var connection = new SqliteConnection($"Data Source={site.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%EFMigrationsLock%' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder(table);
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append(" | ").Append(reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(i).ToString());
                rows.Add(row.ToString());
            }
        }
        return rows;
    }

    private static async Task<long> UserVersionAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

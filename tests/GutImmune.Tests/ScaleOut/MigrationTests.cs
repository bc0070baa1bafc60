using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GutImmune.Tests.ScaleOut;

/// <summary>Each engine's migrations match the model, and SQLite's history keeps the ids existing databases recorded.</summary>
public class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_keep_the_ids_existing_databases_have_applied()
    {
        using var db = new SqliteGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(["20261125031827_InitialContent", "20261125032945_EditorialWorkflow", "20261125035352_AddSearch"],
            db.Database.GetMigrations().Take(3));
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add ... --context SqliteGutImmuneDbContext (see README)");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add ... --context PostgresGutImmuneDbContext (see README)");
        Assert.DoesNotContain(db.Database.GetMigrations(), id => id.EndsWith("_InitialContent"));
    }

    [Fact]
    public async Task Sqlite_revisions_written_before_RevisionStorage_stay_readable_with_their_status_and_review()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gutimmune-revisions-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteGutImmuneDbContext(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite($"Data Source={path}").Options);
            await PlainJsonRevisionsSurviveRevisionStorageAsync(db, previousMigration: "AddSearch");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [ServicesFact]
    public async Task Postgres_revisions_written_before_RevisionStorage_stay_readable_with_their_status_and_review()
    {
        using var database = new PostgresDatabase();
        await using var db = new PostgresGutImmuneDbContext(new DbContextOptionsBuilder<PostgresGutImmuneDbContext>().UseNpgsql(database.ConnectionString).Options);
        await PlainJsonRevisionsSurviveRevisionStorageAsync(db, previousMigration: "Initial");
    }

    private static async Task PlainJsonRevisionsSurviveRevisionStorageAsync(GutImmuneDbContext db, string previousMigration)
    {
        const string draft = """{"slug":"a","title":"A","summary":"S","author":{"name":"W"},"status":"draft"}""";
        const string reviewed = """{"slug":"a","title":"A","summary":"S","author":{"name":"W"},"status":"published","lastReviewedOn":"2026-11-02","reviewedBy":"Dr. R"}""";
        await db.GetService<IMigrator>().MigrateAsync(previousMigration);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Articles" ("Slug", "Title", "Summary", "AuthorName", "Status", "UpdatedAt", "CreatedAt", "Version")
            VALUES ('a', 'A', 'S', 'W', 'Published', '2026-11-02 10:00:00', '2026-11-01 10:00:00', 2)
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Revisions" ("ArticleId", "Version", "CreatedAt", "Author", "Description", "Snapshot")
            VALUES (1, 1, '2026-11-01 10:00:00', 'W', 'Created', {draft}), (1, 2, '2026-11-02 10:00:00', 'W', 'Reviewed', {reviewed})
            """);

        await db.Database.MigrateAsync();

        var revisions = await db.Revisions.AsNoTracking().OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([draft, reviewed], revisions.Select(r => r.ReadSnapshot()));
        Assert.Equal([ArticleStatus.Draft, ArticleStatus.Published], revisions.Select(r => r.Status));
        Assert.Equal([null, new DateOnly(2026, 11, 2)], revisions.Select(r => r.LastReviewedOn));
        Assert.Equal([null, "Dr. R"], revisions.Select(r => r.ReviewedBy));
    }

    /// <summary>Author texts as references held them before ReferenceAuthorsAndLinkChecks, odd spacing and characters included.</summary>
    private static readonly string[] AuthorTexts =
    [
        "Vighi G, et al.", "Vighi G, Marcucci F, Sensi L, et al.", "World Health Organization", " Smith J ,Jones K,  ",
        "Doe J, ET AL", "et al.", "O\"Brien K, Back\\slash B, et al.", "Tab\tName X,\nNext Y", "Müller H, Ørsted K", "Only, , commas,",
    ];

    [Fact]
    public async Task Sqlite_migration_turns_author_texts_into_names_and_et_al_as_ReferenceAuthors_FromText_does()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gutimmune-authors-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteGutImmuneDbContext(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite($"Data Source={path}").Options);
            await AuthorTextsBecomeNamesAsync(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [ServicesFact]
    public async Task Postgres_migration_turns_author_texts_into_names_and_et_al_as_ReferenceAuthors_FromText_does()
    {
        using var database = new PostgresDatabase();
        await using var db = new PostgresGutImmuneDbContext(new DbContextOptionsBuilder<PostgresGutImmuneDbContext>().UseNpgsql(database.ConnectionString).Options);
        await AuthorTextsBecomeNamesAsync(db);
    }

    private static async Task AuthorTextsBecomeNamesAsync(GutImmuneDbContext db)
    {
        await db.GetService<IMigrator>().MigrateAsync("ContentApi");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Articles" ("Slug", "Title", "Summary", "AuthorName", "Status", "UpdatedAt", "CreatedAt", "Version")
            VALUES ('a', 'A', 'S', 'W', 'Draft', '2026-11-02 10:00:00', '2026-11-01 10:00:00', 1)
            """);
        for (var i = 0; i < AuthorTexts.Length; i++)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Citations" ("ArticleId", "Number", "Kind", "Authors", "Title") VALUES (1, {i + 1}, 'JournalArticle', {AuthorTexts[i]}, 'T')
                """);

        await db.Database.MigrateAsync();

        var stored = await db.Citations.AsNoTracking().OrderBy(c => c.Number).ToListAsync();
        Assert.Equal(AuthorTexts.Select(ReferenceAuthors.FromText), stored.Select(c => c.Authors));
        Assert.Equal(["Vighi G"], stored[0].AuthorNames);
        Assert.True(stored[0].AuthorsEtAl);
        Assert.Equal("Vighi G, Marcucci F, Sensi L, et al.", stored[1].Authors.ToString());
    }
}

using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

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
}

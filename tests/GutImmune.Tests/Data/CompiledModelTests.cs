using GutImmune.Web.Data;
using GutImmune.Web.Data.CompiledModels.Postgres;
using GutImmune.Web.Data.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GutImmune.Tests.Data;

/// <summary>
/// The site runs on compiled models (Data/CompiledModels), which EF Core does not rebuild when the entity
/// configurations change: each must still describe what the configurations build, or the site would read and write
/// with an old model. A failure here means: run `dotnet ef dbcontext optimize` for both contexts (README).
/// </summary>
public class CompiledModelTests
{
    [Fact]
    public void Sqlite_compiled_model_matches_the_entity_configurations()
    {
        using var db = new SqliteGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        AssertMatches(db, SqliteGutImmuneDbContextModel.Instance, "SqliteGutImmuneDbContext");
    }

    [Fact]
    public void Postgres_compiled_model_matches_the_entity_configurations()
    {
        using var db = new PostgresGutImmuneDbContextDesignTimeFactory().CreateDbContext([]);

        AssertMatches(db, PostgresGutImmuneDbContextModel.Instance, "PostgresGutImmuneDbContext");
    }

    [Fact]
    public void The_site_uses_the_compiled_model()
    {
        var options = new DbContextOptionsBuilder<SqliteGutImmuneDbContext>();
        SqliteGutImmuneDbContext.Configure(options, "Data Source=unused.db", SqliteSynchronousMode.Normal);
        using var db = new SqliteGutImmuneDbContext(options.Options);

        Assert.Same(SqliteGutImmuneDbContextModel.Instance.GetType(), db.Model.GetType());
    }

    /// <summary>Migrate's own check would build the model from the configurations at every start: MigrationTests makes it instead.</summary>
    [Fact]
    public void Start_up_leaves_the_pending_model_changes_check_to_MigrationTests_on_both_engines()
    {
        var sqlite = new DbContextOptionsBuilder<SqliteGutImmuneDbContext>();
        SqliteGutImmuneDbContext.Configure(sqlite, "Data Source=unused.db", SqliteSynchronousMode.Normal);
        var postgres = new DbContextOptionsBuilder<PostgresGutImmuneDbContext>();
        PostgresGutImmuneDbContext.Configure(postgres, "Host=localhost;Database=unused");

        foreach (var options in new DbContextOptions[] { sqlite.Options, postgres.Options })
            Assert.Equal(WarningBehavior.Ignore,
                options.FindExtension<CoreOptionsExtension>()!.WarningsConfiguration.GetBehavior(RelationalEventId.PendingModelChangesWarning));
    }

    private static void AssertMatches(DbContext db, IModel compiled, string context)
    {
        var configured = Shape(db.GetService<IDesignTimeModel>().Model);
        var read = Shape(compiled);

        Assert.True(configured.SequenceEqual(read),
            $"run dotnet ef dbcontext optimize --project src/GutImmune.Web --context {context} ... (see README); only in the configurations: "
            + string.Join(", ", configured.Except(read)) + "; only in the compiled model: " + string.Join(", ", read.Except(configured)));
    }

    /// <summary>The tables (columns, keys, indexes, foreign keys) and what they do not show: CLR types, conversions, navigations.</summary>
    private static List<string> Shape(IModel model) => model.GetRelationalModel().Tables
        .SelectMany(table => table.Columns.Select(c => $"{table.SchemaQualifiedName}.{c.Name} {c.StoreType}{(c.IsNullable ? " null" : "")}")
            .Concat(table.UniqueConstraints.Select(k => $"{table.Name} key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))})"))
            .Concat(table.Indexes.Select(i => $"{table.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}"))
            .Concat(table.ForeignKeyConstraints.Select(f => $"{table.Name} foreign key {f.Name} -> {f.PrincipalTable.Name} {f.OnDeleteAction}")))
        .Concat(model.GetEntityTypes().SelectMany(entity => entity.GetProperties()
            .Select(p => $"{entity.Name}.{p.Name}: {p.ClrType.Name} as {p.GetTypeMapping().Converter?.ProviderClrType.Name ?? "itself"}{(p.IsConcurrencyToken ? ", concurrency token" : "")}")
            .Concat(entity.GetNavigations().Select(n => $"{entity.Name}.{n.Name} -> {n.TargetEntityType.Name}"))
            .Concat(entity.GetSkipNavigations().Select(n => $"{entity.Name}.{n.Name} ->> {n.TargetEntityType.Name}"))
            .Concat(entity.GetDeclaredQueryFilters().Select(f => $"{entity.Name} filtered {f.Key}"))))
        .Order(StringComparer.Ordinal)
        .ToList();
}

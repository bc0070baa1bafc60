using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using GutImmune.Web.Data.CompiledModels.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace GutImmune.Web.Data;

/// <summary>
/// The site's data on a PostgreSQL server that several instances share: migrations in Data/Migrations/Postgres.
/// </summary>
public sealed class PostgresGutImmuneDbContext(DbContextOptions<PostgresGutImmuneDbContext> options) : GutImmuneDbContext(options)
{
    /// <summary>Any number will do, as long as nothing else on the server takes the same advisory lock.</summary>
    private const long StartupLockKey = 0x4775_7449_6d6d_756e; // "GutImmun"

    // No retrying execution strategy: every save runs in its own explicit transaction (ArticleEditor), which retries
    // would have to replay as a whole.
    // The compiled model (Data/CompiledModels/Postgres) and no pending-model check at start, like SQLite's: see SqliteGutImmuneDbContext.Configure.
    public static void Configure(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString)
        .UseModel(PostgresGutImmuneDbContextModel.Instance)
        .ConfigureWarnings(SkipPendingModelCheck)
        .ConfigureWarnings(LeaveFailuresToTheirCaller)
        .AddInterceptors(new NulCharacterInterceptor());

    /// <summary>Fails at start-up, saying what to set, when the connection string is not PostgreSQL's (e.g. still SQLite's default).</summary>
    public override string MigrationsFolder => "Postgres";

    public static string CheckConnectionString(string? connectionString)
    {
        const string Example = "Host=db.example;Database=gutimmune;Username=gutimmune;Password=...";
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ValidationException($"Database:Provider is Postgres: set ConnectionStrings:Default, e.g. {Example}");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Host))
                throw new ArgumentException("it names no Host");
        }
        // Npgsql refuses an unknown keyword with ArgumentException, a "keyword=" without a value with KeyNotFoundException.
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
        {
            throw new ValidationException(
                $"Database:Provider is Postgres, so ConnectionStrings:Default must be a PostgreSQL connection string, e.g. {Example} ({e.Message})", e);
        }
        return connectionString;
    }

    /// <summary>
    /// DateTime columns are <c>timestamp with time zone</c> (Npgsql's default, no legacy switch): every DateTime here is
    /// UTC by contract, and the column type says they are instants. Npgsql refuses to write a DateTime whose Kind is not
    /// Utc to such a column; SQLite hands its values back as Unspecified, so code written against it can carry one. This
    /// converter states the contract in the model (Unspecified is UTC; Local is converted) instead of failing at run time.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>Instances that start together take turns at seeding, through a session-level advisory lock.</summary>
    public override async Task<IAsyncDisposable> WaitForStartupTurnAsync(CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);
        return new StartupTurn(this);
    }

    private sealed class StartupTurn(PostgresGutImmuneDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLockKey})");
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// PostgreSQL's text cannot hold U+0000 (SQLite's can): a hostile import or form that sends one would fail the save with
/// a server error. It means nothing in any text of this site, so it is dropped from every string parameter sent.
/// </summary>
internal sealed class NulCharacterInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Clean(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Clean(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Clean(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Clean(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Clean(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Clean(command, result));

    private static T Clean<T>(DbCommand command, T result)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && text.Contains('\0'))
                parameter.Value = text.Replace("\0", "");
        }
        return result;
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

/// <summary>For `dotnet ef migrations add ... --context PostgresGutImmuneDbContext`: no server is contacted.</summary>
public sealed class PostgresGutImmuneDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGutImmuneDbContext>
{
    public PostgresGutImmuneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGutImmuneDbContext>().UseNpgsql("Host=localhost;Database=gutimmune").Options);
}

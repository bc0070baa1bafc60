using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Operations;
using GutImmune.Web.Search;

namespace GutImmune.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the content store on the engine named by `Database:Provider` (SQLite unless told otherwise), with
    /// `ConnectionStrings:Default`, and the full-text index that engine provides. This is the one place the engine is
    /// chosen: everything else asks for <see cref="GutImmuneDbContext"/> and <see cref="IFullTextIndex"/>. Contexts are pooled: a
    /// request that misses the output cache would otherwise build a context (options, services, sets) each time. Services
    /// that may serve a request without a query take <see cref="LazyDbContext"/>: the same context, rented on first use.
    /// </summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>(SettingBinding.RefuseUnknownNames) ?? new DatabaseOptions();
        // Checked here, not on first use: the engine's settings are applied while the services are registered.
        Validator.ValidateObject(database, new ValidationContext(database), validateAllProperties: true);
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section), SettingBinding.RefuseUnknownNames);
        services.AddSingleton<DatabaseStartup>().AddHostedService(provider => provider.GetRequiredService<DatabaseStartup>());
        var connectionString = configuration.GetConnectionString("Default");
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = PostgresGutImmuneDbContext.CheckConnectionString(connectionString);
                services.AddDbContextPool<GutImmuneDbContext, PostgresGutImmuneDbContext>(options => PostgresGutImmuneDbContext.Configure(options, postgres));
                services.AddScoped<IFullTextIndex, PostgresFullTextIndex>();
                break;
            default:
                var sqlite = SqliteGutImmuneDbContext.ResolveDataSource(connectionString ?? "Data Source=data/gutimmune.db", environment.ContentRootPath);
                services.AddDbContextPool<GutImmuneDbContext, SqliteGutImmuneDbContext>(options => SqliteGutImmuneDbContext.Configure(options, sqlite, database.SqliteSynchronous));
                services.AddScoped<IFullTextIndex, SqliteFullTextIndex>();
                services.AddSingleton<SqliteCheckpointer>().AddHostedService(provider => provider.GetRequiredService<SqliteCheckpointer>());
                break;
        }
        services.AddScoped<LazyDbContext>();
        return services;
    }
}

using System.Text.Json;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Operations;

/// <summary>
/// The probes an orchestrator or load balancer asks: /healthz/live (the process answers; no dependency checked),
/// /healthz/ready (every check: the database must be made ready at start, reachable and its schema current; a check
/// registered as Degraded, like Redis, leaves the instance ready) and /healthz/startup (made ready, the schema current). /healthz answers as /healthz/ready.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks the start-up probe runs (readiness runs them too).</summary>
    public const string StartupTag = "startup";

    /// <summary>A probe must answer in time: each check counts as failed after this.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section, SettingBinding.RefuseUnknownNames).ValidateOnStart();
        services.AddHealthChecks()
            .AddDbContextCheck<GutImmuneDbContext>("database")
            .AddCheck<SchemaHealthCheck>("schema", tags: [StartupTag])
            .AddCheck<WritableDatabaseHealthCheck>("writable");
        // After every registration, also those made elsewhere (Redis) or later.
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
                registration.Timeout = CheckTimeout;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", Probe(_ => false));
        MapProbeOfTheDatabase(endpoints, "/healthz/ready", _ => true);
        MapProbeOfTheDatabase(endpoints, "/healthz/startup", check => check.Tags.Contains(StartupTag));
        // The one address there was before the three probes: monitors that use it get readiness.
        MapProbeOfTheDatabase(endpoints, "/healthz", _ => true);
        return endpoints;
    }

    /// <summary>
    /// Until <see cref="DatabaseStartup"/> has made the database, the probe answers "not started" itself instead of
    /// running its checks: they would query a database being made (or wait out SQLite's busy timeout on one another
    /// process holds), and a start is not a fault to log as an error.
    /// </summary>
    private static void MapProbeOfTheDatabase(IEndpointRouteBuilder endpoints, string pattern, Func<HealthCheckRegistration, bool> predicate)
    {
        var checks = endpoints.CreateApplicationBuilder()
            .UseMiddleware<HealthCheckMiddleware>(Options.Create(Probe(predicate)))
            .Build();
        var startup = endpoints.ServiceProvider.GetRequiredService<DatabaseStartup>();
        endpoints.Map(pattern, context => startup.Ready.IsCompletedSuccessfully ? checks(context) : AnswerNotStartedAsync(context, startup))
            .WithDisplayName("Health checks");
    }

    private static Task AnswerNotStartedAsync(HttpContext context, DatabaseStartup startup)
    {
        SiteLogging.LogRequestAsExpected(context);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        // As HealthCheckMiddleware answers: a probe's answer is never kept.
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        var description = startup.Ready.IsFaulted
            ? "The database could not be made ready; the process is stopping."
            : "The database is being made ready (schema, seed content).";
        var entry = new HealthReportEntry(HealthStatus.Unhealthy, description, TimeSpan.Zero, exception: null, data: null);
        return WriteAsync(context, new HealthReport(new Dictionary<string, HealthReportEntry> { [StartupCheckName] = entry }, TimeSpan.Zero));
    }

    // The name the start-up's own state has in a probe's details (Health:Details).
    private const string StartupCheckName = "database-startup";

    private static HealthCheckOptions Probe(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteAsync,
    };

    /// <summary>
    /// The status word, or with `Health:Details` each check's status, description and duration as JSON. Never an
    /// exception's text: it may name hosts or connection settings.
    /// </summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!context.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.Details)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status.ToString());
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, cancellationToken: context.RequestAborted);
    }
}

/// <summary>The `Health` configuration section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Answer each check's status, description and duration as JSON instead of the overall status only.</summary>
    public bool Details { get; set; }
}

/// <summary>
/// Started means the schema is current: with `Database:MigrateOnStartup=false` an instance may start before the
/// `migrate` step has run, and must not be sent requests until it has.
/// </summary>
public sealed class SchemaHealthCheck(GutImmuneDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy("The schema is current.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"{pending} migrations are pending: run the migrate command.");
    }
}

/// <summary>
/// Ready means editors can save too: a database the site may only read (a SQLite file made read-only) serves readers but
/// refuses every sign-in and save. A disk (of a SQLite file) nearly or wholly full is Degraded: readers are still served,
/// but every save and sign-in fails once it is full, so the operator is told before then.
/// </summary>
public sealed class WritableDatabaseHealthCheck(GutImmuneDbContext db) : IHealthCheck
{
    /// <summary>Below this much free space on the database's disk the check is Degraded.</summary>
    public const long LowDiskBytes = 64L * 1024 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await db.ReadOnlyReasonAsync(cancellationToken) is { } reason)
            return new HealthCheckResult(context.Registration.FailureStatus, reason);
        return db.FreeDiskBytes() is < LowDiskBytes and var free
            ? HealthCheckResult.Degraded($"The database's disk has {(free < 1024 * 1024 ? $"{free / 1024} KB" : $"{free / (1024.0 * 1024):0.#} MB")} free: saves and sign-ins fail once it is full.")
            : HealthCheckResult.Healthy("The database can be written.");
    }
}

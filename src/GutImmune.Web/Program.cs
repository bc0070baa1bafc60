using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.ContentApi;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Feeds;
using GutImmune.Web.LinkChecking;
using GutImmune.Web.Media;
using GutImmune.Web.Operations;
using GutImmune.Web.People;
using GutImmune.Web.Publishing;
using GutImmune.Web.Reading;
using GutImmune.Web.ScaleOut;
using GutImmune.Web.Search;
using GutImmune.Web.Security;
using GutImmune.Web.SitePages;
using GutImmune.Web.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

// The site's one language, written alike whatever locale the host has ("at most 2,000 characters", not "2.000"): the
// invariant culture, which is also what a C.UTF-8 host (this machine, the container) gives and the tests run in.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

if (args is ["healthcheck", ..])
    return await HealthProbeCommand.RunAsync(args, Console.Out);

// `create-admin ...`, `backup ...` and `migrate` run a command against the site's database instead of serving it;
// `make-seed-database PATH` (the publish runs it) makes a new database at PATH instead (SeedDatabaseTemplate).
var command = args.FirstOrDefault() is "create-admin" or "backup" or "migrate" or SeedDatabaseTemplate.Command ? args : null;
if (command is null && args is [var first, ..] && !first.StartsWith('-'))
{
    Console.Error.WriteLine($"Unknown command “{first}”. Commands: create-admin, backup, migrate, healthcheck, make-seed-database; with none (or only --options) the site starts.");
    return 64; // EX_USAGE
}
if (command is ["migrate", var option, ..])
{
    Console.Error.WriteLine($"migrate takes no options (“{option}”): it applies the migrations the database lacks.");
    return 64;
}
if (command is [SeedDatabaseTemplate.Command, ..] and not [_, _])
{
    Console.Error.WriteLine($"{SeedDatabaseTemplate.Command} takes the path of the new database file, and nothing else.");
    return 64;
}
var hostArgs = command is null ? args : [];
StartRefusal.ExitOnRefusal(command?[0]);
// A command ends as the runtime ends it on SIGTERM; the site stops cleanly, also while it is starting.
using var stopSignals = command is null ? StopSignals.Listen() : null;

// A published folder carries its own appsettings.json and wwwroot: run from it whatever the working directory.
// Under `dotnet run` the content root is the repository root (RunWorkingDirectory in the project file).
var publishedRoot = File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = publishedRoot });
var templatePath = command is [SeedDatabaseTemplate.Command, var pathGiven] ? Path.GetFullPath(pathGiven) : null;
if (templatePath is not null)
{
    if (File.Exists(templatePath))
    {
        Console.Error.WriteLine($"{templatePath} exists: {SeedDatabaseTemplate.Command} makes a new database file.");
        return 64;
    }
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Sqlite),
        ["ConnectionStrings:Default"] = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = templatePath }.ToString(),
    });
}

builder.WebHost.ConfigureKestrel((context, kestrel) => ServerLimits.Apply(kestrel, context.Configuration));
// `dotnet run` listens on http://localhost:5080 unless told otherwise. Set here, not in launchSettings.json or
// appsettings, because both of those would override ASPNETCORE_URLS.
if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
    && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey]))
    builder.WebHost.UseUrls("http://localhost:5080");
// On SIGTERM stop taking new requests and let those in flight finish.
builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

builder.Services.AddSiteLogging(builder.Configuration);
builder.Services.AddSiteTelemetry(builder.Configuration);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddContentStore(builder.Configuration, builder.Environment);
builder.Services.AddSiteSecurity();
builder.Services.AddEditorAccounts(builder.Configuration, builder.Environment);
builder.Services.AddScaleOut(builder.Configuration);
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<ArticleReader>();
builder.Services.AddSingleton<ReaderEditionPages>();
builder.Services.AddSingleton<NextScheduledEdition>();
builder.Services.AddSingleton<ArticleSurroundingsCache>();
builder.Services.AddSingleton<EditionAtSlugCache>();
builder.Services.AddSingleton<RelatedArticlesCache>();
builder.Services.AddScoped<SiteAddress>();
builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section, SettingBinding.RefuseUnknownNames)
    .Validate(site => site.HasValidBaseUrl, "Site:BaseUrl must be an absolute http or https address, e.g. https://gutimmune.example.").ValidateOnStart();
builder.Services.AddScoped<CurrentEditor>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddScoped<ArticleEditor>();
builder.Services.AddScoped<PendingChanges>();
builder.Services.AddScoped<ArticleWorkflow>();
builder.Services.AddScoped<ReviewDiscussion>();
builder.Services.AddReviewLinks();
builder.Services.AddScoped<EditorialQueries>();
builder.Services.AddScoped<RevisionHistory>();
builder.Services.AddOptions<RevisionOptions>().BindConfiguration(RevisionOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddScoped<MarkdownPreview>();
builder.Services.AddScoped<ContentChecker>();
builder.Services.AddOptions<ContentCheckOptions>().BindConfiguration(ContentCheckOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddScoped<SearchIndexer>();
builder.Services.AddScoped<EditionPublisher>();
builder.Services.AddScoped<ArticleSearch>();
builder.Services.AddScoped<PeopleDirectory>();
builder.Services.AddScoped<PeopleEditor>();
builder.Services.AddScoped<SitePageStore>();
builder.Services.AddScoped<SiteIndex>();
builder.Services.AddScoped<SynonymList>();
builder.Services.AddMediaLibrary(builder.Configuration, builder.Environment);
builder.Services.AddControllersWithViews(options =>
{
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
    options.Filters.Add(new CalledFromScriptAttribute.RefusalAnswer());
    options.Filters.Add(new RefusedFormStatus());
    FormBindingMessages.Use(options);
    options.Conventions.Add(new HeadAnswersLikeGet());
    options.Conventions.Add(new RouteValuesFromTheRouteOnly());
});
// A JSON body that cannot be read is refused as "not valid" at its path, without System.Text.Json's message, which names
// the site's types (GutImmune.Web.Content.CitationKind).
builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => options.AllowInputFormatterExceptionMessages = false);
// Articles are prose with typographic quotes and dashes: encode only what HTML needs, not every non-ASCII letter.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddReaderCaching();
builder.Services.AddHealthEndpoints();
builder.Services.AddContentApi();
builder.Services.AddWebhooks();
builder.Services.AddLinkChecking(builder.Configuration, builder.Environment);
builder.Services.ReadKeyRingWhenFirstNeeded();

var app = builder.Build();
stopSignals?.HandTo(app.Lifetime);
// Settings checked at start are checked before the database is touched (the host would check them only when it starts).
app.Services.GetRequiredService<IStartupValidator>().Validate();
app.Services.StartTracing();

if (command is not null)
{
    using var scope = app.Services.CreateScope();
    if (command is ["migrate", ..])
        return await DatabaseInitializer.RunMigrateCommandAsync(scope.ServiceProvider, Console.Out);
    if (templatePath is not null)
        return await SeedDatabaseTemplate.RunMakeCommandAsync(scope.ServiceProvider, templatePath, Console.Out);
    // A backup copies the database as it is: before an upgrade's migrations, not after them.
    if (command is ["backup", ..])
        return await DatabaseBackup.RunBackupCommandAsync(scope.ServiceProvider, command, Console.Out);
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    return await AdminBootstrap.RunCreateAdminCommandAsync(scope.ServiceProvider, command, Console.In, Console.Out);
}
// Serving: DatabaseStartup makes the database ready beside the rest of the start; StartupGate holds requests until then.

app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeaders>();
app.UseMetricsEndpoint();
app.UseApiReferencePolicy();
app.UseRequestLogs();
if (!app.Environment.IsDevelopment())
{
    // A scope of its own: the error page must not meet the failed request's services again (a DbContext, the sign-in check).
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseStaticFileCompression();
app.UseStaticFiles(CachingServiceCollectionExtensions.StaticFiles);
app.UseMiddleware<EncodedNulRemoval>();
app.UseRouting();
app.UseMiddleware<StartupGate>();
app.UseCors();
app.UseApiKeys();
app.UseRateLimiter();
// After the API's key check and limits, which its redirects count against; before the output cache.
app.UseMiddleware<CanonicalRedirect>();
app.UseCookieAuthentication();
app.UseAuthorization();
app.UseReaderCaching();

app.MapHealthEndpoints();
app.MapContentApi();
app.MapControllers();

var database = app.Services.GetRequiredService<DatabaseStartup>();
// Taken before serving: once stopped, ServeAsync disposes the services.
var (stopping, server) = (app.Lifetime.ApplicationStopping, app.Services.GetRequiredService<IServer>());
var running = ServeAsync(app, database);
// A database that cannot be made ready stops the process here, with StartRefusal's one line, not in the host's start;
// a host that fails first (its port taken) ends it with its own reason. A stop asked before either failure is no failure.
await Task.WhenAny(database.Ready, running);
if (running.IsFaulted)
    await running;
if (database.Ready.IsFaulted && !stopping.IsCancellationRequested)
{
    // The requests StartupGate held get their 503 before the process ends (the server's graceful stop; stopping the host
    // would cut its start short).
    await server.StopAsync(CancellationToken.None);
    await database.Ready;
}
try
{
    return await running;
}
catch (OperationCanceledException) when (running.IsCanceled)
{
    // A stop that came before the host had started its server ends that start early: a clean stop.
    return 0;
}

// WebApplication.RunAsync, except that the services are disposed only once the database's making has ended (a stop during
// the host's start ends that start early, and the making must never meet a disposed provider), that a stop asked
// before the site had started says so in one line, and that a background service's failure is no clean stop.
static async Task<int> ServeAsync(WebApplication app, DatabaseStartup database)
{
    var stoppedWhileStarting = false;
    var lifetime = app.Lifetime;
    using var stopHeard = lifetime.ApplicationStopping.Register(() => stoppedWhileStarting = StartUnfinished());
    try
    {
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that failed (its port taken) or was cut short leaves the background services it had started running:
            // stopped here, before the services they use are disposed under them. This stop is no stop asked while
            // starting (a real one has been heard already), and a failure of its own must not hide the start's.
            stopHeard.Dispose();
            try
            {
                await app.StopAsync(CancellationToken.None);
            }
            catch (Exception stop)
            {
                app.Logger.LogWarning(stop, "Stopping the services started before the start failed failed too");
            }
            throw;
        }
        await app.WaitForShutdownAsync();
        // The host stops when a background service fails (BackgroundServiceExceptionBehavior.StopHost, logged as
        // "BackgroundService failed") but its wait ends as after SIGTERM (dotnet/runtime#67146): a supervisor would read
        // exit 0 as a stop it asked for.
        if (app.Services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(service => service.ExecuteTask is { IsFaulted: true }) is { } failed)
        {
            Console.Error.WriteLine($"GutImmune stopped: its background service {failed.GetType().Name} failed (the log above says why).");
            return StartRefusal.BackgroundServiceExitCode;
        }
        return 0;
    }
    finally
    {
        await database.MakingEnded;
        if (stoppedWhileStarting)
            LogStopWhileStarting(app.Logger, database.Ready);
        await app.DisposeAsync();
    }

    // Asked when the stop is heard. The database is asked first: a stop that cancels DatabaseStartup's wait lets the host
    // finish its start before this runs.
    bool StartUnfinished() => database.Ready.Status switch
    {
        TaskStatus.RanToCompletion => !lifetime.ApplicationStarted.IsCancellationRequested,
        TaskStatus.Faulted => false, // the start had failed already: Program reports that
        _ => true,
    };
}

static void LogStopWhileStarting(ILogger logger, Task databaseReady)
{
    if (databaseReady.Exception?.GetBaseException() is { } failure)
        logger.LogInformation("Stopped while starting, as asked; the database had not been made ready: {Reason}", failure.Message);
    else
        logger.LogInformation("Stopped while starting, as asked");
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

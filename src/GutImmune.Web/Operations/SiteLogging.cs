using System.Reflection;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Serilog.Settings.Configuration;

namespace GutImmune.Web.Operations;

/// <summary>
/// Serilog for the site: levels and any extra sinks from the `Serilog` section, the console in the format
/// `Logging:Format` names (`text`, or `json`: Serilog's compact JSON, one object a line), and one event per request.
/// </summary>
public static class SiteLogging
{
    public const string FormatKey = "Logging:Format";

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {RequestId}{NewLine}{Exception}";

    public static IServiceCollection AddSiteLogging(this IServiceCollection services, IConfiguration configuration)
    {
        var json = configuration[FormatKey]?.ToLowerInvariant() switch
        {
            null or "" or "text" => false,
            "json" => true,
            var other => throw new OptionsValidationException(FormatKey, typeof(string), [$"{FormatKey} must be text or json, not “{other}”."]),
        };
        // Each host keeps its own logger (preserveStaticLogger): tests run several sites in one process.
        return services.AddSerilog((provider, logger) =>
        {
            ReadSerilogSection(logger, configuration);
            logger.ReadFrom.Services(provider).Enrich.FromLogContext().Enrich.With(new ReviewTokenRedaction());
            logger.Filter.ByExcluding(e => IsStartCutShortByStop(e, provider) || IsStartFailureProgramReports(e));
            // A log that goes to a file, a container's log or a pipe is written in batches (the same lines); a terminal keeps
            // Serilog's console sink and its colours.
            if (Console.IsOutputRedirected)
                logger.WriteTo.Sink(new BufferedConsoleSink(json ? new RenderedCompactJsonFormatter() : new MessageTemplateTextFormatter(TextTemplate), Console.OpenStandardOutput()));
            else if (json)
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                logger.WriteTo.Console(outputTemplate: TextTemplate);
        }, preserveStaticLogger: true);
    }

    /// <summary>
    /// Serilog's own settings (levels, sinks) are read where the logger is made, and each kind of value refuses its own way
    /// (a level that is none, `Verbos`, throws ArgumentException): any of them is a setting refused at start.
    /// </summary>
    private static void ReadSerilogSection(LoggerConfiguration logger, IConfiguration configuration)
    {
        try
        {
            logger.ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(SerilogAssemblies));
        }
        catch (Exception e)
        {
            throw new OptionsValidationException(SerilogSection, typeof(LoggerConfiguration), [$"The {SerilogSection} section cannot be applied: {e.Message}"]);
        }
    }

    private const string SerilogSection = "Serilog";

    /// <summary>
    /// Where the section's sinks, enrichers and filters are looked for: every Serilog assembly the site ships, which is what
    /// Serilog would find by itself by reading the application's deps.json (DependencyContext), 17 ms of the start's
    /// main thread (bench/README, fifteenth round). A `Using` list in the section is then not read: an assembly that is not
    /// shipped could not be loaded anyway.
    /// </summary>
    private static readonly Assembly[] SerilogAssemblies =
    [
        typeof(Log).Assembly,
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(LoggerSinkConfigurationDebugExtensions).Assembly,
        typeof(RenderedCompactJsonFormatter).Assembly,
        typeof(ConfigurationLoggerConfigurationExtensions).Assembly,
        typeof(SerilogApplicationBuilderExtensions).Assembly,
        typeof(SerilogServiceCollectionExtensions).Assembly,
        typeof(Serilog.Extensions.Logging.SerilogLoggerProvider).Assembly,
    ];

    /// <summary>
    /// A stop asked while the host starts its services cancels their start (Kestrel's binding), which the host logs as
    /// "Hosting failed to start" at error. A stop is no failure: Program says in one line that the site stopped while starting.
    /// </summary>
    /// <remarks>The lifetime is asked for only then: it needs a logger itself, which is being made when this is set up.</remarks>
    private static bool IsStartCutShortByStop(LogEvent e, IServiceProvider services) =>
        e.Exception is OperationCanceledException && services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested
        && e.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source) && source is ScalarValue { Value: HostCategory };

    /// <summary>
    /// A host that fails to start for a reason StartRefusal words (its port taken) logs "Hosting failed to start" with the
    /// exception's stack before Program's one line says the same: the line is enough.
    /// </summary>
    private static bool IsStartFailureProgramReports(LogEvent e) =>
        e.MessageTemplate.Text == "Hosting failed to start" && e.Exception is { } failure && StartRefusal.Reports(failure)
        && e.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source) && source is ScalarValue { Value: HostCategory };

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// One event per request: method, path, status, elapsed time, with the request's trace id. Written through the
    /// host's logger: the middleware's default is the static one, which preserveStaticLogger leaves silent.
    /// </summary>
    public static IApplicationBuilder UseRequestLogs(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            // Serilog's own levels (Error for a failure or a 5xx), but below any sink for a request whose event was omitted.
            options.GetLevel = (context, _, error) => error is not null ? LogEventLevel.Error
                : context.Items.ContainsKey(OmittedRequestEvent) ? LogEventLevel.Verbose
                : context.Items.ContainsKey(ExpectedRequestEvent) ? LogEventLevel.Information
                : context.Response.StatusCode > 499 ? LogEventLevel.Error
                : LogEventLevel.Information;
        });

    /// <summary>
    /// Leaves out the request's own event (at Verbose, below the levels the site writes): for answers a client can ask
    /// for thousands of times a second, such as a rate limit's refusals, counted elsewhere.
    /// </summary>
    public static void OmitRequestEvent(HttpContext context) => context.Items[OmittedRequestEvent] = true;

    private static readonly object OmittedRequestEvent = new();

    /// <summary>
    /// Logs the request's own event as information whatever its status: for an answer that is not a fault, such as a
    /// health probe's "not ready" while the site starts.
    /// </summary>
    public static void LogRequestAsExpected(HttpContext context) => context.Items[ExpectedRequestEvent] = true;

    private static readonly object ExpectedRequestEvent = new();

    /// <summary>
    /// The path as the log may keep it: a review link's token is a credential (whoever holds it may sign off), so its
    /// requests are logged without it.
    /// </summary>
    private static string LoggedPath(string path) =>
        path.StartsWith(ReviewLinkPathPrefix, StringComparison.OrdinalIgnoreCase) ? ReviewLinkPathPrefix + "{token}" : path;

    private const string ReviewLinkPathPrefix = "/review/";

    /// <summary>Rewrites the request path of every event (the request's own, and those logged while it runs).</summary>
    private sealed class ReviewTokenRedaction : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (logEvent.Properties.TryGetValue("RequestPath", out var value) && value is ScalarValue { Value: string path }
                && LoggedPath(path) is var logged && !ReferenceEquals(logged, path))
                logEvent.AddOrUpdateProperty(new LogEventProperty("RequestPath", new ScalarValue(logged)));
        }
    }
}

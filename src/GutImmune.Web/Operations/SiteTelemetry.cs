using System.ComponentModel.DataAnnotations;
using System.Net;
using GutImmune.Web.ScaleOut;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GutImmune.Web.Operations;

/// <summary>
/// OpenTelemetry for the site. Metrics (ASP.NET Core, EF Core, HttpClient, the runtime, the process, the Redis circuit
/// breaker and the site's own <see cref="SiteMetrics"/>) are always collected, for the Prometheus scrape endpoint
/// <see cref="MetricsPath"/>; with `OpenTelemetry:Endpoint` set they and the traces (ASP.NET Core, EF Core, HttpClient,
/// and Redis when it is configured) are also exported over OTLP. Without an endpoint no tracer provider runs, so no
/// spans are made at all.
/// </summary>
public static class SiteTelemetry
{
    public const string ServiceName = "GutImmune";
    public const string MetricsPath = "/metrics";

    /// <summary>The Meter of Kestrel's buffers (`aspnetcore.memory_pool.*`), which the site does not collect.</summary>
    public const string KestrelMemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    public static IServiceCollection AddSiteTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Without refusing unknown names: .NET's own metrics read this section too (`Metrics:EnabledMetrics:<meter>`).
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(options => options.Networks() is not null, "Metrics:AllowedNetworks must be networks in CIDR form, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<OpenTelemetryOptions>().BindConfiguration(OpenTelemetryOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SiteMetrics>();

        var otlp = configuration.GetSection(OpenTelemetryOptions.Section).Get<OpenTelemetryOptions>(SettingBinding.RefuseUnknownNames);
        // Checked here, not with the others at start: the settings' check itself has the exporters built, which crash on it.
        if (otlp is { HasValidEndpoint: false })
            throw new OptionsValidationException(OpenTelemetryOptions.Section, typeof(OpenTelemetryOptions),
                ["OpenTelemetry:Endpoint must be an absolute http or https address, e.g. http://collector:4317."]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SiteMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Polly")
                    .AddAspNetCoreInstrumentation()
                    // Kestrel's memory pool counts every buffer it lends and takes back, several per request: 3 % of a
                    // cached page's CPU, for figures no one reads. Dropped here, its instruments are not even listened to.
                    .AddView(instrument => instrument.Meter.Name == KestrelMemoryPoolMeter ? MetricStreamConfiguration.Drop : null)
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddPrometheusExporter();
                if (otlp?.Endpoint is not null)
                    ExportMetrics(metrics, otlp);
            });

        // Where spans are made and what they leave out: applied to whichever tracer provider runs (the OTLP one below,
        // or a test's in-memory one).
        var redis = RedisOptions.IsConfigured(configuration);
        services.ConfigureOpenTelemetryTracerProvider(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationsProbe(context.Request.Path))
                .AddEntityFrameworkCoreInstrumentation()
                .AddHttpClientInstrumentation();
            if (redis)
                tracing.AddRedisInstrumentation();
        });
        if (otlp?.Endpoint is not null)
            ExportTraces(telemetry, otlp);
        return services;
    }

    // The OTLP exporter is named only in these two methods, so that its assembly is loaded only when an endpoint is set:
    // compiling a method (a lambda too) loads the assemblies of what it calls.
    private static void ExportMetrics(MeterProviderBuilder metrics, OpenTelemetryOptions otlp) =>
        metrics.AddOtlpExporter(exporter => otlp.ConfigureExporter(exporter, "v1/metrics"));

    private static void ExportTraces(OpenTelemetryBuilder telemetry, OpenTelemetryOptions otlp) =>
        telemetry.WithTracing(tracing => tracing.AddOtlpExporter(exporter => otlp.ConfigureExporter(exporter, "v1/traces")));

    /// <summary>
    /// Has the tracer provider (when one runs) listen before the start-up work (migrations, seed) takes the first DbContext:
    /// contexts are pooled, and EF Core decides once a second per context whether anyone listens, so a context used before
    /// the tracer existed would make no spans for the first requests after start.
    /// </summary>
    public static void StartTracing(this IServiceProvider services) => services.GetService<TracerProvider>();

    /// <summary>
    /// Answers /metrics (Prometheus text) to clients on `Metrics:AllowedNetworks`; any other client is passed on, and
    /// finds no page there (404). Before the request log, which scrapes every few seconds would flood.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        var networks = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Networks()!;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && IsOn(networks, context.Connection.RemoteIpAddress));
    }

    private static bool IsOn(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (address is null)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return networks.Any(network => network.Contains(address));
    }

    /// <summary>Scrapes and health probes: frequent, alike, and no one's reading of the site.</summary>
    private static bool IsOperationsProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz");
}

/// <summary>The `Metrics` configuration section: who may read /metrics.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Networks in CIDR form (e.g. `10.0.0.0/8`) whose clients may read /metrics; empty means loopback only.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>The allowed networks, or null when one of them is not a network.</summary>
    public IReadOnlyList<IPNetwork>? Networks()
    {
        if (AllowedNetworks.Length == 0)
            return Loopback;
        var networks = new List<IPNetwork>();
        foreach (var text in AllowedNetworks)
        {
            if (!IPNetwork.TryParse(text, out var network))
                return null;
            networks.Add(network);
        }
        return networks;
    }
}

/// <summary>The `OpenTelemetry` configuration section: where traces and metrics are sent over OTLP.</summary>
public sealed class OpenTelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>The OTLP receiver, e.g. `http://collector:4317` (gRPC) or `http://collector:4318` (HTTP); unset exports nothing.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The binder makes a relative address of any text (`notaurl`), which the exporter cannot send to.</summary>
    public bool HasValidEndpoint => Endpoint is null or { IsAbsoluteUri: true, Scheme: "http" or "https" };

    /// <summary>`grpc` or `http/protobuf`.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "OpenTelemetry:Protocol must be grpc or http/protobuf.")]
    public string Protocol { get; set; } = "grpc";

    /// <summary>Points an exporter at <see cref="Endpoint"/>; over HTTP each signal has its own path there.</summary>
    public void ConfigureExporter(OtlpExporterOptions exporter, string httpPath)
    {
        var http = Protocol == "http/protobuf";
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(new Uri(Endpoint!.ToString().TrimEnd('/') + "/"), httpPath) : Endpoint!;
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GutImmune.Web.Data;
using GutImmune.Web.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>Prefix of the output cache's entries and tags in Redis.</summary>
    public const string OutputCachePrefix = "GutImmune:OutputCache:";

    /// <summary>
    /// What instances of the site must share to run side by side behind a load balancer. The data-protection keys
    /// (which protect sign-in and antiforgery cookies) live in the database, so they are backed up with it and every
    /// instance on it reads them. With `Redis:Configuration` set, the output cache lives in Redis: an edit on one
    /// instance evicts the cached pages of all of them. Without it (one instance), the output cache stays in memory.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        AddKeyRing(services, configuration);

        if (RedisOptions.IsConfigured(configuration))
            AddRedisOutputCache(services, configuration.GetSection(RedisOptions.Section).Get<RedisOptions>(SettingBinding.RefuseUnknownNames)!);
        return services;
    }

    /// <summary>
    /// A method of its own so that StackExchange.Redis is loaded only when Redis is configured: compiling a method loads
    /// the assemblies of the types it names, and a site on one instance never needs it (about 1 MiB of mapped code).
    /// </summary>
    private static void AddRedisOutputCache(IServiceCollection services, RedisOptions redis)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();

        // One connection for the process, opened on first use (not while the host is being built) and closed with it.
        // It keeps retrying in the background while Redis is away (abortConnect=false); meanwhile commands fail at
        // once instead of waiting in its backlog, and no call waits longer than Redis:Timeout.
        var options = ConfigurationOptions.Parse(redis.Configuration!);
        var timeout = (int)redis.Timeout.TotalMilliseconds;
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, timeout);
        options.SyncTimeout = Math.Min(options.SyncTimeout, timeout);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, timeout);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer>((options, connection) =>
        {
            options.InstanceName = OutputCachePrefix;
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
        });
        // The Redis store, behind a circuit breaker with ASP.NET Core's memory store as the fallback. The memory
        // store's type is internal: its factory is taken from what AddOutputCache registers.
        var redisStore = services.Last(service => service.ServiceType == typeof(IOutputCacheStore));
        var memoryStore = new ServiceCollection().AddOutputCache().Single(service => service.ServiceType == typeof(IOutputCacheStore));
        services.Remove(redisStore);
        services.AddSingleton(provider =>
        {
            var store = new ResilientOutputCacheStore(
                (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, redisStore.ImplementationType!),
                (IOutputCacheStore)memoryStore.ImplementationFactory!(provider),
                provider.GetRequiredService<IOptions<RedisOptions>>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>());
            provider.GetRequiredService<SiteMetrics>().ObserveRedis(() => store.IsFallingBack, () => store.QueuedEvictions);
            return store;
        });
        services.AddSingleton<IOutputCacheStore>(provider => provider.GetRequiredService<ResilientOutputCacheStore>());
        services.AddHostedService<QueuedEvictionSender>();

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded);
    }

    /// <summary>
    /// Data Protection's hosted service reads the key ring (making its first key on a new database) as the host starts,
    /// while <see cref="DatabaseStartup"/> may still be making the tables it lives in: without it the key ring is read
    /// when first needed (a sign-in, a form's antiforgery token), which reader pages never are. Called after every
    /// registration: each AddDataProtection (antiforgery's, Identity's) adds the service again.
    /// </summary>
    public static IServiceCollection ReadKeyRingWhenFirstNeeded(this IServiceCollection services)
    {
        foreach (var preload in services.Where(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(preload);
        return services;
    }

    /// <summary>The key ring in the database, encrypted at rest with a certificate when `DataProtection:CertificatePath` is set.</summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var keyRing = services.AddDataProtection().PersistKeysToDbContext<GutImmuneDbContext>();
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>(SettingBinding.RefuseUnknownNames);
        if (!string.IsNullOrWhiteSpace(options?.CertificatePath))
            keyRing.ProtectKeysWithCertificate(LoadCertificate(options.CertificatePath, options.CertificatePassword));
    }

    /// <summary>
    /// The key ring's certificate; a file that is not there, not readable, not opened by its password or without the private
    /// key (keys encrypted to it could not be read back at the next start) is a refused setting.
    /// </summary>
    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        const string Setting = "DataProtection:CertificatePath";
        if (!File.Exists(path))
            throw new ValidationException($"{Setting}: there is no file {path}{(Directory.Exists(path) ? " (it is a folder)" : "")}.");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ValidationException(
                $"{Setting}: {path} cannot be read as a PKCS #12 (.pfx) file {(password is null ? "without a password (DataProtection:CertificatePassword is not set)" : "with DataProtection:CertificatePassword")} ({e.Message})", e);
        }
        if (!certificate.HasPrivateKey)
            throw new ValidationException($"{Setting}: {path} holds no private key, so keys encrypted to it could not be read again: export it with its key.");
        return certificate;
    }
}

/// <summary>The `Redis` configuration section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. `redis.internal:6379,password=...,ssl=true`; unset for one instance.</summary>
    public string? Configuration { get; set; }

    /// <summary>Whether the site uses Redis (the output cache lives there).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(Section).Get<RedisOptions>(SettingBinding.RefuseUnknownNames)?.Configuration);

    /// <summary>
    /// Redis connects and answers within this, or is treated as unreachable (each reader request may wait this long for
    /// it before the instance falls back to its memory): raise it for a Redis far away.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:00:10")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a page cached in memory while Redis is unreachable is served.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DegradedCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While Redis is unreachable, how often one request (or the queued evictions) tries it again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The `DataProtection` configuration section: encryption of the key ring at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS #12 (.pfx) file with a certificate and its private key; the keys are encrypted to it.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

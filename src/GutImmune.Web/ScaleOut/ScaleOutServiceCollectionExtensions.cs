using GutImmune.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GutImmune.Web.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>Where the data-protection key ring lives in Redis (the keys that protect sign-in and antiforgery cookies).</summary>
    public const string DataProtectionKeysKey = "GutImmune:DataProtection-Keys";

    /// <summary>Prefix of the output cache's entries and tags in Redis.</summary>
    public const string OutputCachePrefix = "GutImmune:OutputCache:";

    /// <summary>
    /// What instances of the site must share to run side by side behind a load balancer. With `Redis:Configuration`
    /// set, the output cache and the data-protection keys live in Redis: an edit on one instance evicts the cached pages
    /// of all of them, and a sign-in cookie made by one is read by every other. Without it (one instance), the output
    /// cache stays in memory and the keys are stored in the database.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>()?.Configuration;
        var dataProtection = services.AddDataProtection();
        if (string.IsNullOrWhiteSpace(redis))
        {
            dataProtection.PersistKeysToDbContext<GutImmuneDbContext>();
            return services;
        }

        // One connection for the process, opened on first use (not while the host is being built) and closed with it.
        // It keeps retrying in the background while Redis is away instead of failing for good (abortConnect=false).
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));

        // Replaces the in-memory IOutputCacheStore, whichever of the two is registered first.
        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer>((options, connection) =>
        {
            options.InstanceName = OutputCachePrefix;
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
        });

        // What PersistKeysToStackExchangeRedis does, with the connection above instead of one made at registration.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, connection) =>
            options.XmlRepository = new RedisXmlRepository(() => connection.GetDatabase(), DataProtectionKeysKey));

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded);
        return services;
    }
}

/// <summary>The `Redis` configuration section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. `redis.internal:6379,password=...,ssl=true`; unset for one instance.</summary>
    public string? Configuration { get; set; }
}

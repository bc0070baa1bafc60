using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// The site on the test PostgreSQL server: on a database of its own (created when the site starts, dropped with it),
/// or on a <see cref="SharedDatabase"/> that other instances use too; with Redis when <see cref="Redis"/> is set.
/// </summary>
public sealed class PostgresSite : GutImmuneFactory
{
    private PostgresDatabase? _own;

    public PostgresDatabase? SharedDatabase { get; init; }

    /// <summary>A StackExchange.Redis configuration string for `Redis:Configuration`.</summary>
    public string? Redis { get; init; }

    public PostgresDatabase Database => SharedDatabase ?? _own ?? throw new InvalidOperationException("The site has not started");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (SharedDatabase is null)
            _own ??= new PostgresDatabase();
        foreach (var (key, value) in Database.SiteSettings)
            builder.UseSetting(key, value);
        if (Redis is not null)
            builder.UseSetting("Redis:Configuration", Redis);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _own?.Dispose();
        _own = null;
    }
}

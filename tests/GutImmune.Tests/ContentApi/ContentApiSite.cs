using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using Microsoft.AspNetCore.Hosting;

namespace GutImmune.Tests.ContentApi;

/// <summary>The site with the content API's terms configured, on SQLite or (<see cref="OnPostgres"/>) on the test PostgreSQL server.</summary>
public class ContentApiSite : GutImmuneFactory
{
    public const string Attribution = "Reproduced from GutImmune under its syndication terms.";
    public const string License = "https://creativecommons.org/licenses/by-nc-nd/4.0/";

    private PostgresDatabase? _postgres;

    protected virtual bool OnPostgres => false;

    public ContentApiSite()
    {
        Settings["ContentApi:Attribution"] = Attribution;
        Settings["ContentApi:License"] = License;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (!OnPostgres || TestServices.Postgres is null)
            return;
        _postgres ??= new PostgresDatabase();
        foreach (var (key, value) in _postgres.SiteSettings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _postgres?.Dispose();
        _postgres = null;
    }
}

public sealed class PostgresContentApiSite : ContentApiSite
{
    protected override bool OnPostgres => true;
}

using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Operations;

/// <summary>
/// A site's SQLite database gone for a while, as when its volume is lost: the folder is moved aside, and moved back
/// when the outage is disposed. It begins once the site has made its database (an outage during the making is a
/// failed start, tested elsewhere). ci77 once saw every page answer 200 during an outage: most likely a connection
/// opened between clearing the pools and the move, which stayed pooled with the old file open; hence the order below.
/// </summary>
public sealed class DatabaseOutage : IDisposable
{
    private readonly string _folder;
    private readonly string _aside;

    private DatabaseOutage(GutImmuneFactory site)
    {
        _folder = Path.GetDirectoryName(site.DatabasePath)!;
        _aside = _folder + "-aside";
        Directory.Move(_folder, _aside);
        // Pooled connections hold the file open and would go on reading it: a lost volume closes them too.
        SqliteConnection.ClearAllPools();
    }

    public static async Task<DatabaseOutage> BeginAsync(GutImmuneFactory site)
    {
        await site.Services.GetRequiredService<DatabaseStartup>().Ready;
        return new DatabaseOutage(site);
    }

    public void Dispose() => Directory.Move(_aside, _folder);
}

using GutImmune.Tests.Web;
using Microsoft.Data.Sqlite;

namespace GutImmune.Tests.Operations;

/// <summary>
/// A site's SQLite database gone for a while, as when its volume is lost: the folder is moved aside, and moved back
/// when the outage is disposed.
/// </summary>
public sealed class DatabaseOutage : IDisposable
{
    private readonly string _folder;
    private readonly string _aside;

    private DatabaseOutage(GutImmuneFactory site)
    {
        _folder = Path.GetDirectoryName(site.DatabasePath)!;
        _aside = _folder + "-aside";
        // Pooled connections hold the file open and would go on reading it: a lost volume closes them too.
        SqliteConnection.ClearAllPools();
        Directory.Move(_folder, _aside);
    }

    public static DatabaseOutage Begin(GutImmuneFactory site) => new(site);

    public void Dispose() => Directory.Move(_aside, _folder);
}

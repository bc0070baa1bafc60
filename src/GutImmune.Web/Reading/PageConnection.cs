using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Reading;

/// <summary>
/// The reads of one reader page, on at most one opening of the connection: a page the caches miss runs up to three
/// queries (edition with its page, topics, credits), and EF Core would open and close the connection for each (SQLite
/// registers EF's functions on every opening). The first read takes the context and opens the connection, disposal
/// closes it; a page whose parts are all kept takes neither.
/// </summary>
internal sealed class PageConnection(LazyDbContext db) : IAsyncDisposable
{
    private bool _opened;

    public async Task<T> ReadAsync<T>(Func<GutImmuneDbContext, Task<T>> query, CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await db.Context.Database.OpenConnectionAsync(cancellationToken);
            _opened = true;
        }
        return await query(db.Context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_opened)
            await db.Context.Database.CloseConnectionAsync();
    }
}

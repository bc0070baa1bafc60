using GutImmune.Web.Caching;

namespace GutImmune.Web.Reading;

/// <summary>
/// When the first scheduled edition of any article becomes visible, known to this process and read again at most every
/// <see cref="ScheduledPublicationEviction.Interval"/>, once that time has come, and after a publication here: so that a
/// page the output cache misses does not ask the database whether a scheduled article may join its related articles.
/// A publication on another instance is seen here within the interval; until then, what this process built in between
/// is evicted at the scheduled time by <see cref="ScheduledPublicationEviction"/> (every instance runs it), as the cached
/// pages are.
/// </summary>
public sealed class NextScheduledEdition
{
    private sealed record Known(DateTime CheckedAt, DateTime? Next);

    private volatile Known? _known;

    /// <summary>The earliest publication time after <paramref name="utcNow"/> of any edition; <paramref name="read"/> asks the database.</summary>
    public async Task<DateTime?> AfterAsync(DateTime utcNow, Func<DateTime, CancellationToken, Task<DateTime?>> read, CancellationToken cancellationToken)
    {
        if (_known is { } known && known.CheckedAt <= utcNow && utcNow < known.CheckedAt + ScheduledPublicationEviction.Interval
            && (known.Next is not { } next || utcNow < next))
            return known.Next;
        var first = await read(utcNow, cancellationToken);
        _known = new Known(utcNow, first);
        return first;
    }

    /// <summary>Reads it again at the next page: an edition was published or scheduled here.</summary>
    public void Forget() => _known = null;
}

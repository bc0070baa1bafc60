namespace GutImmune.Web.Caching;

/// <summary>
/// Counts a limit's refusals and tells them in at most one warning a minute: at once for a refusal after a minute without
/// any, then at the end of each minute with the refusals of that minute, and at stop those not yet told; none is left
/// untold when the refusals stop. A limit refused thousands of times a second logs no line per refusal.
/// </summary>
public sealed class RefusalWarnings : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Action<long> _warn;
    private readonly ITimer _minuteEnd;
    private readonly Lock _warning = new();
    private long _refusedSinceWarning;
    /// <summary>1 from a warning until the end of its minute (<see cref="_minuteEnd"/>): refusals meanwhile are only counted.</summary>
    private int _minuteStarted;

    /// <param name="warn">Logs the warning for this many refusals.</param>
    public RefusalWarnings(TimeProvider clock, IHostApplicationLifetime lifetime, Action<long> warn)
    {
        _warn = warn;
        _minuteEnd = clock.CreateTimer(_ => EndMinute(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // After the server's graceful stop, so that the refusals of its last requests are counted too.
        lifetime.ApplicationStopped.Register(WarnOfRemainder);
    }

    public void Count()
    {
        Interlocked.Increment(ref _refusedSinceWarning);
        if (Volatile.Read(ref _minuteStarted) == 0)
            StartMinute();
    }

    private void StartMinute()
    {
        lock (_warning)
        {
            if (_minuteStarted == 1)
                return;
            Volatile.Write(ref _minuteStarted, 1);
            Warn();
            _minuteEnd.Change(Interval, Timeout.InfiniteTimeSpan);
        }
    }

    private void EndMinute()
    {
        lock (_warning)
        {
            if (Warn())
            {
                _minuteEnd.Change(Interval, Timeout.InfiniteTimeSpan);
                return;
            }
            Volatile.Write(ref _minuteStarted, 0);
        }
        // A refusal counted after the warning's count but before the minute ended saw it started: it starts the next one.
        if (Interlocked.Read(ref _refusedSinceWarning) > 0)
            StartMinute();
    }

    private void WarnOfRemainder()
    {
        lock (_warning)
            Warn();
    }

    /// <summary>Warns of the refusals since the last warning, if any.</summary>
    private bool Warn()
    {
        var refused = Interlocked.Exchange(ref _refusedSinceWarning, 0);
        if (refused == 0)
            return false;
        _warn(refused);
        return true;
    }

    public void Dispose() => _minuteEnd.Dispose();
}

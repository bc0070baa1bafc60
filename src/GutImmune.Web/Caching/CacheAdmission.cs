using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GutImmune.Web.Caching;

/// <summary>
/// Whether what a request the cache missed has built is worth keeping (a doorkeeper, as in TinyLFU). While the keys missed
/// lately are few enough for the cache to hold them all (<paramref name="keptFromFirstReading"/>), everything is kept from
/// its first reading; past that, a key is kept only on its second miss within a window of about
/// <paramref name="window"/> distinct keys. On a large site most pages that miss are read once: keeping them only made
/// the cache evict its popular pages and then compact the newcomers away unread. Only admission is decided here: what is
/// kept is evicted as before (tags, expiry, size).
/// </summary>
public sealed class CacheAdmission(int keptFromFirstReading, int window)
{
    /// <summary>Bits per distinct key of a window: with one hash and two windows, one unseen key in 16 to 32 passes for one seen before.</summary>
    private const int BitsPerKey = 32;

    private readonly int _bits = BitsFor(window);
    private readonly Lock _rotation = new();
    private long[] _current = new long[BitsFor(window) / 64];
    private long[] _previous = new long[BitsFor(window) / 64];
    private int _missedInWindow;

    private static int BitsFor(int window) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, window * BitsPerKey));

    /// <summary>Notes a miss of <paramref name="key"/>; true when what it built is to be kept.</summary>
    public bool Admits(string key)
    {
        var bit = (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key.AsSpan())) & (uint)(_bits - 1));
        var mask = 1L << (bit & 63);
        var current = Volatile.Read(ref _current);
        if ((Interlocked.Or(ref current[bit >> 6], mask) & mask) != 0 || (Volatile.Read(ref _previous)[bit >> 6] & mask) != 0)
            return true;
        var missed = Interlocked.Increment(ref _missedInWindow);
        if (missed >= window)
            StartWindow();
        return missed <= keptFromFirstReading;
    }

    /// <summary>The window so far becomes the previous one (its keys still count as seen), and the one before is forgotten.</summary>
    private void StartWindow()
    {
        lock (_rotation)
        {
            if (Volatile.Read(ref _missedInWindow) < window)
                return;
            var forgotten = _previous;
            Array.Clear(forgotten);
            _previous = _current;
            Volatile.Write(ref _current, forgotten);
            Volatile.Write(ref _missedInWindow, 0);
        }
    }
}

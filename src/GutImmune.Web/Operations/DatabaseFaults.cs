using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace GutImmune.Web.Operations;

/// <summary>
/// The one place that tells "the database cannot be reached just now" from a fault in the site: the first is answered
/// with 503 and Retry-After (the reader may try again, a load balancer may route elsewhere), the second with 500.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>What Retry-After tells a client to wait before it tries again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    // SQLite's primary result codes for a file that cannot be opened, read or written, or is held by a writer past the
    // busy timeout: https://www.sqlite.org/rescode.html
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteIoError = 10, SqliteCantOpen = 14, SqliteNotADatabase = 26;

    /// <summary>Whether <paramref name="exception"/>, or one it wraps (EF Core wraps provider errors), says the database is unavailable.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen or SqliteNotADatabase)
                return true;
            // Npgsql marks network errors, timeouts, a server shutting down or starting up and too many connections as transient.
            if (e is DbException { IsTransient: true } or TimeoutException)
                return true;
        }
        return false;
    }
}

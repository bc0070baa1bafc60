using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace GutImmune.Web.Operations;

/// <summary>
/// The one place that tells "the database cannot be reached just now" from a fault in the site: the first is answered
/// with 503 and Retry-After (the reader may try again, a load balancer may route elsewhere), the second with 500.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>What Retry-After tells a client to wait before it tries again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Whether <paramref name="exception"/>, or one it wraps (EF Core wraps provider errors), says the database is unavailable.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        if (IsFull(exception))
            return true;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQLite's primary result codes for a file that cannot be opened, read or written (also one made read-only while
            // the site runs), or is held by a writer past the busy timeout: https://www.sqlite.org/rescode.html
            if (e is SqliteException sqlite && sqlite.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_READONLY or raw.SQLITE_IOERR
                    or raw.SQLITE_CANTOPEN or raw.SQLITE_NOTADB)
                return true;
            // Npgsql marks network errors, timeouts, a server shutting down or starting up and too many connections as transient.
            if (e is DbException { IsTransient: true } or TimeoutException)
                return true;
            // An instance started with Database:MigrateOnStartup=false before the migrate step has run finds no tables: that
            // is the database not being ready yet, not a fault in the site. SQLite reports it only in its generic error code.
            if (e is SqliteException { SqliteErrorCode: raw.SQLITE_ERROR } missing && missing.Message.Contains("no such table", StringComparison.Ordinal)
                || e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
                return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the database could not be written because its disk is full: it still serves what it can read, and takes
    /// saves again once space is made (SQLite's SQLITE_FULL, PostgreSQL's disk_full).
    /// </summary>
    public static bool IsFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: raw.SQLITE_FULL } or PostgresException { SqlState: PostgresErrorCodes.DiskFull })
                return true;
        return false;
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GutImmune.Web.Data;

/// <summary>
/// The one way to tell that a save lost a race for a unique key (a slug, an email, a page) to a save that ran at the same
/// moment: the check before the save found it free. Such a save is answered like the one a moment later (the field's
/// message), not with a 500; any other failed save stays a fault.
/// </summary>
public static class UniqueViolation
{
    // https://www.sqlite.org/rescode.html: a UNIQUE index, or a PRIMARY KEY (a site page's slug).
    private const int SqliteConstraintUnique = 2067, SqliteConstraintPrimaryKey = 1555;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

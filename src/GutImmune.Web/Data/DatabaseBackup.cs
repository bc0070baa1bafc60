using GutImmune.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Data;

/// <summary>
/// A consistent copy of the SQLite database made with SQLite's online backup API, safe while the site runs: readers and
/// writers carry on, and the copy is one committed state (never half a save).
/// </summary>
public static class DatabaseBackup
{
    private const int SqliteFull = 13;

    public static void CopyTo(GutImmuneDbContext db, string destinationPath)
    {
        var source = (SqliteConnection)db.Database.GetDbConnection();
        var sourcePath = Path.GetFullPath(new SqliteConnectionStringBuilder(source.ConnectionString).DataSource);
        var destination = Path.GetFullPath(destinationPath);
        if (destination == sourcePath)
            throw new ArgumentException("The backup must not overwrite the live database.", nameof(destinationPath));
        CreateEmptyFile(destination);

        var opened = source.State == System.Data.ConnectionState.Open;
        if (!opened)
            source.Open();
        try
        {
            // Pooling off: the file is complete and closed when this method returns.
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
            target.Open();
            source.BackupDatabase(target);
        }
        catch (Exception e)
        {
            // A copy that failed (the database busy, the disk full) is no backup, and its file would refuse the retry's name.
            File.Delete(destination);
            // The live database is only read: a full disk is the destination's.
            if (e is SqliteException { SqliteErrorCode: SqliteFull })
                throw new CannotCreateOutputException($"the backup {destination} cannot be written: its disk is full.", e);
            throw;
        }
        finally
        {
            if (!opened)
                source.Close();
        }
    }

    /// <summary>
    /// The backup's file, made before SQLite opens it, so that a destination that cannot be one is named with the reason
    /// (SQLite would say only "unable to open database file", as if the live database were the problem). An empty file
    /// is an empty SQLite database.
    /// </summary>
    private static void CreateEmptyFile(string destination)
    {
        if (Directory.Exists(destination))
            throw new CannotCreateOutputException(
                $"the backup's destination {destination} is a folder; name the file to write in it, e.g. {Path.Combine(destination, "gutimmune.db")}.");
        var folder = Path.GetDirectoryName(destination)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CannotCreateOutputException($"the folder {folder} for the backup {destination} cannot be created. {e.Message}", e);
        }
        try
        {
            // CreateNew: an earlier backup that appeared since the command looked is not overwritten either.
            new FileStream(destination, FileMode.CreateNew, FileAccess.Write).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CannotCreateOutputException($"the backup {destination} cannot be created. {e.Message}", e);
        }
    }

    /// <summary>`backup --to path/to/copy.db` (SQLite only); returns the process exit code.</summary>
    public static Task<int> RunBackupCommandAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var db = services.GetRequiredService<GutImmuneDbContext>();
        if (!db.Database.IsSqlite())
        {
            output.WriteLine("backup copies a SQLite database, and this site runs on PostgreSQL (Database:Provider=Postgres). " +
                "Back it up with PostgreSQL's own tools, e.g. pg_dump --format=custom --file=gutimmune.dump <database> (see README, Backup and restore).");
            return Task.FromResult(2);
        }
        // One destination and nothing else: a second --to or a stray word would be a copy the operator thinks was made.
        if (args is not [_, "--to", var destination] || string.IsNullOrWhiteSpace(destination))
        {
            output.WriteLine("Usage: backup --to <file.db>   (one destination, nothing else; writes a consistent copy of the site's database, also while the site runs)");
            return Task.FromResult(2);
        }
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (!File.Exists(source) || IsEmpty(source))
        {
            output.WriteLine($"There is no database at {source}{(File.Exists(source) ? " (the file is empty)" : "")}: nothing to back up. Check ConnectionStrings:Default.");
            return Task.FromResult(1);
        }
        if (File.Exists(destination))
        {
            output.WriteLine($"{destination} already exists; choose a new file name so no earlier backup is overwritten.");
            return Task.FromResult(1);
        }
        CopyTo(db, destination);
        output.WriteLine($"Backed up the database to {Path.GetFullPath(destination)} ({new FileInfo(destination).Length / 1024} KB).");
        return Task.FromResult(0);
    }

    /// <summary>A file SQLite has not written a page to yet, neither in it nor in its write-ahead log.</summary>
    private static bool IsEmpty(string databasePath) =>
        new FileInfo(databasePath).Length == 0 && new FileInfo(databasePath + "-wal") is not { Exists: true, Length: > 0 };
}

using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using SQLitePCL;

namespace GutImmune.Web.Operations;

/// <summary>
/// A site that cannot start because of what the operator gave it stops with one line saying what, instead of an
/// unhandled exception's stack trace (exit 134): a setting out of its allowed values or not of its type (exit 78,
/// EX_CONFIG of sysexits.h), or a database file SQLite cannot use (exit 74, EX_IOERR). Settings are checked when the
/// site starts (ValidateOnStart, before the database is touched; the database's while services are registered). A
/// command's output file that cannot be created stops the command the same way (exit 73, EX_CANTCREAT).
/// </summary>
public static class StartRefusal
{
    public const int SettingExitCode = 78;
    public const int DatabaseExitCode = 74;
    public const int AddressExitCode = 71;
    public const int OutputFileExitCode = 73;
    /// <summary>Not a refusal: the site had started, and stopped because one of its background services failed (EX_SOFTWARE).</summary>
    public const int BackgroundServiceExitCode = 70;

    private static int _watching;

    /// <summary>Once per process: tests start many sites in one, whose refusals their factories catch.</summary>
    /// <param name="command">The command run instead of the site (migrate, backup, create-admin), or null for the site.</param>
    public static void ExitOnRefusal(string? command)
    {
        if (Interlocked.Exchange(ref _watching, 1) == 1)
            return;
        var failed = command is null ? "GutImmune did not start" : $"GutImmune {command} failed";
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (Describe((Exception)e.ExceptionObject) is not var (reason, exitCode))
                return;
            Console.Error.WriteLine($"{failed}: {reason}");
            Environment.Exit(exitCode);
        };
    }

    /// <summary>Whether the process ends with one line of its own for this failure (the log need not repeat it).</summary>
    public static bool Reports(Exception exception) => Describe(exception) is not null;

    private static (string Reason, int ExitCode)? Describe(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException or ValidationException:
                // The binder's "Failed to convert configuration value ... to type ...".
                case InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" }:
                    return ($"a setting is refused. {UnknownNames(e.Message) ?? e.Message + AllowedValues(e.Message)}", SettingExitCode);
                case CannotCreateOutputException:
                    return (e.Message, OutputFileExitCode);
                case SqliteException sqlite:
                    return ($"the database cannot be used (ConnectionStrings:Default). {InPlainWords(sqlite)}", DatabaseExitCode);
                // PostgreSQL not reachable (a wrong host or port, the server down or starting), or refusing the site (a wrong
                // password, a database that does not exist): an orchestrator starts the instance again.
                case NpgsqlException:
                    return ($"the database cannot be used (ConnectionStrings:Default). {e.Message}", DatabaseExitCode);
                // Kestrel's "Failed to bind to address http://...: address already in use."
                case IOException when e.InnerException is System.Net.Sockets.SocketException || e.Message.StartsWith("Failed to bind", StringComparison.Ordinal):
                    return ($"it cannot listen where it was told to (ASPNETCORE_URLS, --urls). {e.Message}", AddressExitCode);
            }
        }
        return null;
    }

    /// <summary>
    /// The binder names a choice's type ("to type 'GutImmune.Web.Data.DatabaseProvider'"), which an operator never sees
    /// elsewhere: for one of ours, the values it takes.
    /// </summary>
    private static string AllowedValues(string binderMessage) =>
        Regex.Match(binderMessage, "to type '([^']+)'") is { Success: true } match
        && typeof(StartRefusal).Assembly.GetType(match.Groups[1].Value) is { IsEnum: true } choice
            ? $" It must be one of: {string.Join(", ", Enum.GetNames(choice))}."
            : "";

    /// <summary>
    /// The binder's message for names no setting has (SettingBinding) names the options' type: instead, the section (for
    /// one of ours) and the settings it does have; null for any other message.
    /// </summary>
    private static string? UnknownNames(string binderMessage)
    {
        if (Regex.Match(binderMessage, "properties were not found on the instance of ([^:]+): (.+)$") is not { Success: true } match)
            return null;
        var typeName = match.Groups[1].Value;
        var names = match.Groups[2].Value.Split(", ").Select(name => name.Trim('\''));
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetType(typeName)).FirstOrDefault(found => found is not null);
        var settings = type is null ? "" : string.Join(", ", type.GetProperties().Where(property => property.CanWrite).Select(property => property.Name));
        return type?.GetField("Section")?.GetValue(null) is string section
            ? $"There is no setting {string.Join(", ", names.Select(name => $"{section}:{name}"))}: a misspelt name? The settings of {section} are: {settings}."
            : $"There is no setting {string.Join(", ", names)} (read into {typeName[(typeName.LastIndexOf('.') + 1)..]}): a misspelt name? "
              + $"The settings beside it are: {settings}.";
    }

    /// <summary>
    /// SQLite's message, without the link Microsoft.Data.Sqlite appends when it words an error from the result code alone
    /// (a backup's: "file is not a database For more information on this error code see https://www.sqlite.org/rescode.html").
    /// </summary>
    private static string InPlainWords(SqliteException e) =>
        e.Message.Contains(ResultCodesLink, StringComparison.Ordinal)
            ? $"SQLite Error {e.SqliteErrorCode}: '{raw.sqlite3_errstr(e.SqliteErrorCode).utf8_to_string()}'."
            : e.Message;

    private const string ResultCodesLink = "https://www.sqlite.org/rescode.html";
}

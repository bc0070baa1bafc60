using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Operations;

/// <summary>
/// A site started with a setting out of its allowed values stops with one line that names the setting, and exit code 78
/// (EX_CONFIG of sysexits.h), instead of an unhandled exception's stack trace. Settings are checked when the site starts
/// (ValidateOnStart; the database's while services are registered), so the exception ends the entry point.
/// </summary>
public static class SettingsRefusal
{
    public const int ExitCode = 78;

    private static int _watching;

    /// <summary>Once per process: tests start many sites in one, whose refusals their factories catch.</summary>
    public static void ExitOnRefusal()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 1)
            return;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is not (OptionsValidationException or ValidationException))
                return;
            Console.Error.WriteLine($"GutImmune did not start: a setting is refused. {((Exception)e.ExceptionObject).Message}");
            Environment.Exit(ExitCode);
        };
    }
}

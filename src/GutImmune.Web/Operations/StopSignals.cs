using System.Runtime.InteropServices;

namespace GutImmune.Web.Operations;

/// <summary>
/// The operator's stop (SIGTERM, SIGINT, SIGQUIT) heard from the first line of the site's start. The host's
/// ConsoleLifetime listens for it only once the host starts, about half a second in; a SIGTERM before then ended the
/// process as the runtime does by default (exit 143, nothing logged). A stop heard before the host exists is handed to
/// the host's lifetime (<see cref="IHostApplicationLifetime.StopApplication"/>) once it does, so that it ends the start
/// as one heard during the host's start does.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;
    private IHostApplicationLifetime? _lifetime;
    private int _heard;

    private StopSignals() =>
        _registrations = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT }.Select(signal => PosixSignalRegistration.Create(signal, Heard))];

    public static StopSignals Listen() => new();

    /// <summary>From now on a stop stops <paramref name="lifetime"/>'s application; one heard already stops it at once.</summary>
    public void HandTo(IHostApplicationLifetime lifetime)
    {
        // Interlocked on both sides: a signal heard meanwhile either finds the lifetime or is found here.
        Interlocked.Exchange(ref _lifetime, lifetime);
        if (Volatile.Read(ref _heard) == 1)
            lifetime.StopApplication();
    }

    private void Heard(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.Exchange(ref _heard, 1);
        Volatile.Read(ref _lifetime)?.StopApplication();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}

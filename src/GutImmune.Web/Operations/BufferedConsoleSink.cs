using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace GutImmune.Web.Operations;

/// <summary>
/// Writes the log to a stream (standard output) through a buffer: one write shortly after the first waiting event
/// instead of a write per event, a system call under a lock every request thread queued on, which cost an uncached
/// page about a sixth of its CPU (bench/README, seventh round). A warning or worse is written at once with all before it,
/// and whatever waits is written when the logger is disposed and when the process exits.
/// </summary>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    /// <summary>How long an event may wait: short enough that someone following the log sees no delay.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(100);

    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly TimeSpan _flushDelay;
    private readonly Timer _flushTimer;
    private readonly Lock _lock = new();
    private bool _flushScheduled;

    [ThreadStatic] private static StringWriter? _formatted;

    public BufferedConsoleSink(ITextFormatter formatter, Stream output) : this(formatter, output, FlushDelay) { }

    public BufferedConsoleSink(ITextFormatter formatter, Stream output, TimeSpan flushDelay)
    {
        _formatter = formatter;
        _flushDelay = flushDelay;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32 * 1024);
        _flushTimer = new Timer(_ => Flush());
        AppDomain.CurrentDomain.ProcessExit += FlushAtExit;
    }

    public void Emit(LogEvent logEvent)
    {
        // Formatted outside the lock, into a writer each thread keeps.
        var formatted = _formatted ??= new StringWriter(new StringBuilder(256));
        formatted.GetStringBuilder().Clear();
        _formatter.Format(logEvent, formatted);
        lock (_lock)
        {
            foreach (var chunk in formatted.GetStringBuilder().GetChunks())
                _output.Write(chunk.Span);
            if (logEvent.Level >= LogEventLevel.Warning)
                FlushLocked();
            else if (!_flushScheduled)
            {
                _flushScheduled = true;
                _flushTimer.Change(_flushDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Flush()
    {
        try
        {
            lock (_lock)
                FlushLocked();
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // Off the request threads no caller can take the error: report it as Serilog reports a sink's failures.
            SelfLog.WriteLine("The log could not be written to standard output: {0}", error);
        }
    }

    private void FlushLocked()
    {
        _flushScheduled = false;
        _output.Flush();
    }

    private void FlushAtExit(object? sender, EventArgs e) => Flush();

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= FlushAtExit;
        _flushTimer.Dispose();
        Flush();
        // Each logger (each test's site) closes the stream it opened.
        lock (_lock)
            _output.Dispose();
    }
}

using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Web;

/// <summary>A Serilog sink that adds what the site logs to a list (locked while adding), for tests that read the log.</summary>
public sealed class ListSink(List<LogEvent> log) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (log)
            log.Add(logEvent);
    }
}

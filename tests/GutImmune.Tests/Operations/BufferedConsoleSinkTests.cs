using System.Text;
using GutImmune.Web.Operations;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace GutImmune.Tests.Operations;

/// <summary>The log written to standard output in batches: nothing lost, nothing reordered, a warning at once.</summary>
public class BufferedConsoleSinkTests
{
    private static readonly MessageTemplateTextFormatter Lines = new("{Level:u3} {Message:lj}{NewLine}");

    private static LogEvent Event(LogEventLevel level, string text) =>
        new(DateTimeOffset.UtcNow, level, null, new MessageTemplateParser().Parse(text), []);

    /// <summary>Counts the writes the sink makes: each is a system call on standard output.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        // MemoryStream's own span overload would call the array overload of a derived class again: one write, counted once.
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer.ToArray(), 0, buffer.Length);
        }
    }

    [Fact]
    public void Events_below_a_warning_wait_and_are_written_in_one_write_when_the_logger_is_disposed()
    {
        var output = new CountingStream();
        var sink = new BufferedConsoleSink(Lines, output, flushDelay: TimeSpan.FromHours(1));

        sink.Emit(Event(LogEventLevel.Information, "first"));
        sink.Emit(Event(LogEventLevel.Debug, "second"));
        sink.Emit(Event(LogEventLevel.Information, "third “quoted”"));
        var writtenBeforeDisposal = output.Writes;
        sink.Dispose();

        Assert.Equal(0, writtenBeforeDisposal);
        Assert.Equal(1, output.Writes);
        Assert.Equal($"INF first{Environment.NewLine}DBG second{Environment.NewLine}INF third “quoted”{Environment.NewLine}", output.Text);
    }

    [Fact]
    public void A_warning_is_written_at_once_with_the_events_before_it()
    {
        var output = new CountingStream();
        using var sink = new BufferedConsoleSink(Lines, output, flushDelay: TimeSpan.FromHours(1));

        sink.Emit(Event(LogEventLevel.Information, "before"));
        sink.Emit(Event(LogEventLevel.Warning, "the warning"));

        Assert.Equal($"INF before{Environment.NewLine}WRN the warning{Environment.NewLine}", output.Text);
    }

    [Fact]
    public async Task Waiting_events_are_written_after_the_flush_delay_without_anything_else_happening()
    {
        var output = new CountingStream();
        using var sink = new BufferedConsoleSink(Lines, output, flushDelay: TimeSpan.FromMilliseconds(20));

        sink.Emit(Event(LogEventLevel.Information, "alone"));

        // Polled rather than timed: a loaded machine may run the timer late, but it runs.
        for (var waited = 0; waited < 200 && output.Writes == 0; waited++)
            await Task.Delay(50);
        Assert.Equal($"INF alone{Environment.NewLine}", output.Text);
    }
}

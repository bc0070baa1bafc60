using System.Diagnostics;
using StackExchange.Redis;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// A redis-server of one test's own, on a free loopback port, that the test may stop, restart (with the data it held:
/// it saves on shutdown), flush and freeze without disturbing the Redis other tests share.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Program = "/usr/bin/redis-server";

    private readonly string _folder = Directory.CreateTempSubdirectory("gutimmune-redis-").FullName;
    private readonly int _port = TestPorts.Free();
    private Process? _process;

    public string Address => $"127.0.0.1:{_port}";

    /// <summary>An administrative connection's configuration (FLUSHALL, SHUTDOWN, CLIENT PAUSE).</summary>
    private string AdminConfiguration => $"{Address},allowAdmin=true,abortConnect=false";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Program,
            ["--bind", "127.0.0.1", "--port", _port.ToString(), "--dir", _folder, "--save", "", "--appendonly", "no", "--logfile", "redis.log"])
        {
            UseShellExecute = false,
            WorkingDirectory = _folder,
        })!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=200");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the server after saving what it holds, so that <see cref="StartAsync"/> brings it back with it.</summary>
    public async Task StopAsync()
    {
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(AdminConfiguration))
        {
            try
            {
                connection.GetServer(Address).Shutdown(ShutdownMode.Always);
            }
            catch (RedisConnectionException)
            {
                // The server closes the connection as it exits.
            }
        }
        await _process!.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open, but nothing is answered until <see cref="ThawAsync"/>.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString()])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task FlushAllAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(AdminConfiguration);
        await connection.GetServer(Address).FlushAllDatabasesAsync();
    }

    /// <summary>The values of the keys whose names start with <paramref name="prefix"/>.</summary>
    public async Task<List<byte[]>> ValuesAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(AdminConfiguration);
        var values = new List<byte[]>();
        await foreach (var key in connection.GetServer(Address).KeysAsync(pattern: prefix + "*"))
            values.Add((byte[])(await connection.GetDatabase().StringGetAsync(key))!);
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

}

/// <summary>A test that starts redis-server itself; skipped where it is not installed (tests/run.sh installs it).</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (!File.Exists(RedisServer.Program))
            Skip = $"needs {RedisServer.Program}: run the tests with `bash tests/run.sh`, which installs it";
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GutImmune.Tests.Admin;
using Microsoft.Data.Sqlite;

namespace GutImmune.Tests.Publishing;

/// <summary>
/// The first account, as a newcomer gets it: the create-admin command of the built app, and the Development
/// admin whose one-time password the log shows. Both run the real program in a process of its own.
/// </summary>
public partial class AdminCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gutimmune-admin-");

    private string Database => Path.Combine(_folder.FullName, "site.db");

    private static string WebDll => Path.Combine(AppContext.BaseDirectory, "GutImmune.Web.dll");

    [GeneratedRegex(@"Password \(shown only this once\): (\S+)")]
    private static partial Regex CommandPassword();

    [GeneratedRegex(@"with password (\S+) \(shown only this once")]
    private static partial Regex LoggedPassword();

    private ProcessStartInfo App(string arguments, string environment) => new("dotnet", $"\"{WebDll}\" {arguments}")
    {
        WorkingDirectory = TestPaths.RepositoryRoot,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
        Environment =
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["LinkCheck__Enabled"] = "false",
            ["ConnectionStrings__Default"] = $"Data Source={Database}",
        },
    };

    private async Task<(int ExitCode, string Output)> RunAsync(string arguments, string? input = null)
    {
        using var process = Process.Start(App(arguments, "Production"))!;
        if (input is not null)
            await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Create_admin_prints_a_generated_password_once_and_refuses_a_second_account_with_the_same_email()
    {
        var first = await RunAsync("create-admin --email chief@example.org --name \"Chief Editor\"");
        var second = await RunAsync("create-admin --email chief@example.org");
        var usage = await RunAsync("create-admin");

        Assert.True(first.ExitCode == 0, first.Output);
        var password = CommandPassword().Match(first.Output).Groups[1].Value;
        Assert.True(password.Length >= 20, first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already exists", second.Output);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Usage: create-admin --email", usage.Output);
    }

    [Fact]
    public async Task Create_admin_reads_a_chosen_password_from_standard_input_and_enforces_the_policy()
    {
        var weak = await RunAsync("create-admin --email weak@example.org --password-stdin", "short");
        var strong = await RunAsync("create-admin --email strong@example.org --password-stdin", "A-strong-passphrase-42");

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Output);
        Assert.True(strong.ExitCode == 0, strong.Output);
        Assert.DoesNotContain("A-strong-passphrase-42", strong.Output);
    }

    [Fact]
    public async Task Backup_command_writes_a_copy_that_holds_the_site_and_never_overwrites_one_or_takes_one_of_two()
    {
        var target = Path.Combine(_folder.FullName, "copies", "backup.db");
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var first = await RunAsync($"backup --to \"{target}\"");
        var again = await RunAsync($"backup --to \"{target}\"");
        var (one, other) = (target + ".one", target + ".other");
        var twice = await RunAsync($"backup --to \"{one}\" --to \"{other}\"");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Backed up the database", first.Output);
        Assert.Equal(1, again.ExitCode);
        // Two destinations are refused, not one of them taken in silence.
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("Usage: backup --to <file.db>", twice.Output);
        Assert.False(File.Exists(one) || File.Exists(other));
        using var copy = new SqliteConnection($"Data Source={target};Pooling=False;Mode=ReadOnly");
        copy.Open();
        using var command = copy.CreateCommand();
        command.CommandText = "SELECT Title FROM Articles";
        Assert.Equal("The Gut-Immune System Connection", command.ExecuteScalar());
    }

    [Fact]
    public async Task Sigterm_lets_a_request_in_flight_finish_before_the_site_exits()
    {
        var port = TestPorts.Free();
        using var site = Start(App($"--urls http://127.0.0.1:{port}", "Production"), out var log);
        try
        {
            await WaitForLogAsync(site, log, line => line.Contains("Now listening on"));

            // A form post whose body arrives slowly: the site is mid-request when it is told to stop. Kestrel answers
            // "100 Continue" once the site starts reading the body, so that line shows the request is in flight.
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, port);
            var stream = socket.GetStream();
            var body = "Email=someone%40example.org&Password=" + new string('x', 40);
            var head = $"POST /admin/sign-in HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            Assert.Equal("HTTP/1.1 100 Continue", await ReadLineAsync(stream));
            Assert.Equal("", await ReadLineAsync(stream));
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(body[..10]));

            Assert.Equal(0, Kill(site.Id, "TERM"));
            await WaitForLogAsync(site, log, line => line.Contains("Application is shutting down"));
            Assert.False(site.HasExited, "the site exited with a request still in flight");
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(body[10..]));

            var response = await new StreamReader(stream).ReadToEndAsync();
            Assert.True(response.StartsWith("HTTP/1.1 400"), response[..Math.Min(200, response.Length)] + "\n" + string.Join("\n", log));
            Assert.True(site.WaitForExit(30_000), "the site did not exit after the request finished");
        }
        finally
        {
            if (!site.HasExited)
                site.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Reads one line from <paramref name="stream"/> byte by byte, so nothing after it is taken from the stream.</summary>
    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, timeout.Token) == 1 && one[0] != '\n')
            line.Add(one[0]);
        return System.Text.Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}")!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    [Fact]
    public async Task Development_site_logs_a_one_time_admin_password_that_signs_in_and_must_be_changed_first()
    {
        var port = TestPorts.Free();
        using var site = Start(App($"--urls http://127.0.0.1:{port}", "Development"), out var log);
        try
        {
            // The database (and the admin) is made beside the server's start: the host has started once it is.
            await WaitForLogAsync(site, log, line => line.Contains("Application started"));
            var password = log.Select(line => LoggedPassword().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            Assert.True(password is not null, string.Join("\n", log));

            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            var session = new StaffSession(new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            var response = await session.SignInAsync("admin@gutimmune.localhost", password!);
            Assert.Equal("/admin/account/password", response.Headers.Location?.OriginalString);
            Assert.Equal("/admin/account/password", (await session.Client.GetAsync("/admin/users")).Headers.Location?.OriginalString);
            var chosen = GutImmune.Web.Accounts.PasswordGenerator.Generate();
            await session.FollowAsync(await session.SubmitAsync("/admin/account/password", "main form", new()
            {
                ["CurrentPassword"] = password!, ["NewPassword"] = chosen, ["ConfirmPassword"] = chosen,
            }));
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/users")).StatusCode);
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    /// <summary>Starts the site's process with its console output collected in <paramref name="log"/>.</summary>
    private static Process Start(ProcessStartInfo start, out System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        var lines = log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var site = Process.Start(start)!;
        site.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        site.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        return site;
    }

    /// <summary>Polls the site's log (with a deadline) until a line matches.</summary>
    private static async Task WaitForLogAsync(Process site, IEnumerable<string> log, Func<string, bool> line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!log.Any(line))
        {
            Assert.False(site.HasExited, "the site exited: " + string.Join("\n", log));
            Assert.True(DateTime.UtcNow < deadline, "the awaited line did not appear in the log within 60 s: " + string.Join("\n", log));
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

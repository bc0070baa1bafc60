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
    public async Task Development_site_logs_a_one_time_admin_password_that_signs_in()
    {
        var port = FreePort();
        using var site = Process.Start(App($"--urls http://127.0.0.1:{port}", "Development"))!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        site.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        site.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string? password = null;
            while (password is null && DateTime.UtcNow < deadline && !site.HasExited)
            {
                password = log.Select(line => LoggedPassword().Match(line)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
                await Task.Delay(100);
            }
            Assert.True(password is not null, string.Join("\n", log));
            while (!log.Any(l => l.Contains("Now listening on")) && DateTime.UtcNow < deadline)
                await Task.Delay(100);

            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            var session = new StaffSession(new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            var response = await session.SignInAsync("admin@gutimmune.localhost", password!);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/admin/users")).StatusCode);
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace GutImmune.Tests.Publishing;

/// <summary>
/// The deployment path (the Dockerfile adds a runtime and a composite ReadyToRun image to the same publish): `dotnet
/// publish`, then the site started from an unrelated working directory must find its configuration, static files and
/// seed, and serve the article.
/// </summary>
public class PublishedAppTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Published_output_runs_from_any_working_directory()
    {
        var temp = Directory.CreateTempSubdirectory("gutimmune-publish-");
        try
        {
            var publishDir = Path.Combine(temp.FullName, "out");
            var publish = await RunAsync("dotnet", $"publish src/GutImmune.Web -c Release -o \"{publishDir}\" --nologo", TestPaths.RepositoryRoot);
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.True(File.Exists(Path.Combine(publishDir, "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(publishDir, "wwwroot", "css", "site.css")));

            var elsewhere = Directory.CreateDirectory(Path.Combine(temp.FullName, "elsewhere")).FullName;
            var port = TestPorts.Free();
            var start = Stopwatch.StartNew();
            using var app = Process.Start(new ProcessStartInfo("dotnet", $"\"{Path.Combine(publishDir, "GutImmune.Web.dll")}\" --urls http://127.0.0.1:{port}")
            {
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["LinkCheck__Enabled"] = "false" },
            })!;
            app.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
            app.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine(e.Data); };
            app.BeginOutputReadLine();
            app.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var article = await FirstSuccessAsync(client, "/articles/gut-immune-system-connection", app);
                output.WriteLine($"First article response {start.ElapsedMilliseconds} ms after start");
                Assert.Contains("Interesting Facts About the Gut’s Immune System", article);

                var css = await client.GetAsync("/css/site.css");
                Assert.Equal(HttpStatusCode.OK, css.StatusCode);
                // Production over plain HTTP (a misconfiguration behind no TLS) still shows the sign-in page, not an error.
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/sign-in")).StatusCode);
                Assert.True(File.Exists(Path.Combine(publishDir, "data", "gutimmune.db")), "the default database lives under the published folder");
                Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "nothing is written to the working directory");
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static async Task<string> FirstSuccessAsync(HttpClient client, string path, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(app.HasExited, "the published app exited early");
            try
            {
                var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the published app did not answer within 60 s");
            await Task.Delay(100);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string workingDirectory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

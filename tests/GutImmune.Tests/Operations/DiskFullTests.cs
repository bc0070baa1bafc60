using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GutImmune.Tests.Admin;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using Microsoft.Data.Sqlite;

namespace GutImmune.Tests.Operations;

/// <summary>
/// The disk holding the SQLite file fills up while the site runs (a small tmpfs, filled by another file; the tests run as
/// root, who may mount one): a save is answered 503 naming the full disk, with what the editor sent on the page to copy;
/// readiness says Degraded; the next save once space is made is taken.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _disk = Directory.CreateTempSubdirectory("gutimmune-small-disk-").FullName;
    private readonly GutImmuneFactory _site = new();

    public DiskFullTests()
    {
        Run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", _disk);
        _site.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_disk, "site.db")}";
        _site.Settings["Health:Details"] = "true";
    }

    [SqliteFact]
    public async Task A_save_on_a_full_disk_answers_503_naming_it_with_the_text_sent_and_the_next_save_after_space_is_made_is_taken()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(_site);
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");
        var healthyBefore = await ReadinessAsync();
        var form = await editor.GetPageAsync(sectionUrl);
        var writingPage = (await editor.GetPageAsync(adminUrl + "/write")).QuerySelector("#write-form")!;
        // An empty write-ahead log, so that the save must write beyond what the file already holds.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_disk, "site.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var filler = Path.Combine(_disk, "filler");
        FillDisk(filler);

        var sent = "Typed while the disk was full.\n\n" + string.Concat(Enumerable.Range(0, 4_000).Select(n => $"{n} "))[..15_000];
        var refused = await editor.SubmitAsync(form, "main form", new() { ["Body"] = sent });
        var degraded = await ReadinessAsync();
        // The writing page's autosave asks for JSON, and gets the reason in it.
        using var keep = new HttpRequestMessage(HttpMethod.Post, writingPage.GetAttribute("data-autosave-url"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = writingPage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
                ["Version"] = writingPage.QuerySelector("input[name='Version']")!.GetAttribute("value")!,
                ["Sections[0].Body"] = sent,
            }),
        };
        keep.Headers.Accept.ParseAdd("application/json");
        var kept = await editor.Client.SendAsync(keep);
        File.Delete(filler);
        var afterSpace = await editor.SubmitAsync(await editor.GetPageAsync(sectionUrl), "main form", new() { ["Body"] = "Saved once space was made." });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await StaffSession.ParseAsync(refused);
        Assert.Equal("The site cannot save just now", page.QuerySelector("main h1")?.TextContent);
        Assert.Contains("disk that holds the site’s database is full", page.QuerySelector("main")?.TextContent);
        Assert.Contains(page.QuerySelectorAll("main textarea[readonly]"), t => t.TextContent == sent);
        Assert.DoesNotContain(page.QuerySelectorAll("main label"), l => l.TextContent == "__RequestVerificationToken");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/json"), (kept.StatusCode, kept.Content.Headers.ContentType?.MediaType));
        Assert.Contains("disk that holds the site’s database is full", JsonDocument.Parse(await kept.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.True((healthyBefore.Status, degraded.Status) == ("Healthy", "Degraded"), $"Readiness before: {healthyBefore.Report}\nReadiness on the full disk: {degraded.Report}");
        Assert.StartsWith("The database's disk has ", degraded.Writable);
        await StaffSession.AssertRedirectedAsync(afterSpace);
        Assert.Contains("Saved once space was made.", await editor.Client.GetStringAsync(adminUrl + "/export"));
    }

    [SqliteFact]
    public async Task Readers_are_still_served_on_a_full_disk_after_every_idle_connection_was_closed()
    {
        var reader = _site.CreateClient();
        (await reader.GetAsync("/")).EnsureSuccessStatusCode();
        // What the connection pool does to connections idle for a few minutes, done at once. SQLite removes the log's
        // shared-memory index with the last connection that closes; once the site holds one of its own, the index stays.
        var index = Path.Combine(_disk, "site.db-shm");
        var waited = Stopwatch.StartNew();
        do
        {
            SqliteConnection.ClearAllPools();
            if (!File.Exists(index))
                await Task.Delay(100);
        }
        while (!File.Exists(index) && waited.Elapsed < TimeSpan.FromSeconds(10));
        FillDisk(Path.Combine(_disk, "filler"));
        SqliteConnection.ClearAllPools();
        FillDisk(Path.Combine(_disk, "filler-after-closing")); // whatever closing them freed

        var search = await reader.GetAsync("/search?q=probiotics");
        var readiness = await ReadinessAsync();

        Assert.True(search.StatusCode == HttpStatusCode.OK, $"Search answered {(int)search.StatusCode}");
        Assert.Contains("The Gut-Immune System Connection", await search.Content.ReadAsStringAsync());
        Assert.True(readiness.Status == "Degraded", readiness.Report);
    }

    /// <summary>
    /// Readiness's overall status and the writable check's description, with the whole report to show when an assertion
    /// fails. A check that timed out (each has one second; a busy test machine can starve one) is asked again, up to
    /// three times; a check unhealthy for any other reason is answered as it is.
    /// </summary>
    private async Task<(string Status, string Writable, string Report)> ReadinessAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var text = await (await _site.CreateClient().GetAsync("/healthz/ready")).Content.ReadAsStringAsync();
            var report = JsonDocument.Parse(text).RootElement;
            var timedOut = report.GetProperty("checks").EnumerateObject()
                .Any(check => check.Value.GetProperty("description").GetString() == "A timeout occurred while running check.");
            if (!timedOut || attempt == 3)
                return (report.GetProperty("status").GetString()!, report.GetProperty("checks").GetProperty("writable").GetProperty("description").GetString()!, text);
        }
    }

    private static void FillDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // No space left on the device: full.
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
    }

    public void Dispose()
    {
        _site.Dispose();
        SqliteConnection.ClearAllPools();
        Run("umount", "--lazy", _disk);
        Directory.Delete(_disk);
    }
}

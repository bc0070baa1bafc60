using System.Net;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Operations;

/// <summary>Every request leaves one event in the log, with what an operator looks for.</summary>
public class RequestLogTests
{
    /// <summary>The site with the production log levels (appsettings.json) and a log the test reads.</summary>
    private sealed class LoggedSite : GutImmuneFactory
    {
        public List<LogEvent> Log { get; } = [];

        public LoggedSite() => Settings["Serilog:MinimumLevel:Default"] = "Information";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new ListSink(Log)));
        }
    }

    [Fact]
    public async Task A_request_is_logged_with_method_path_status_elapsed_time_and_trace_id()
    {
        using var site = new LoggedSite();

        await site.CreateClient().GetAsync("/articles/gut-immune-system-connection");
        await site.CreateClient().GetAsync("/no-such-page");

        List<LogEvent> requests;
        lock (site.Log)
            requests = [.. site.Log.Where(e => e.Properties.ContainsKey("RequestMethod"))];
        var article = Assert.Single(requests, e => e.Properties["RequestPath"].ToString() == "\"/articles/gut-immune-system-connection\"");
        Assert.Equal(LogEventLevel.Information, article.Level);
        Assert.Equal("\"GET\"", article.Properties["RequestMethod"].ToString());
        Assert.Equal("200", article.Properties["StatusCode"].ToString());
        Assert.True(double.Parse(article.Properties["Elapsed"].ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(article.TraceId);
        Assert.Contains(requests, e => e.Properties["StatusCode"].ToString() == "404");
    }

    [Fact]
    public async Task A_review_link_request_is_logged_without_its_token()
    {
        using var site = new LoggedSite();
        const string token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

        await site.CreateClient().GetAsync($"/review/{token}");
        await site.CreateClient().GetAsync($"/review/{token}/anything");

        List<LogEvent> requests;
        lock (site.Log)
            requests = [.. site.Log.Where(e => e.Properties.ContainsKey("RequestMethod"))];
        Assert.Equal(2, requests.Count(e => e.Properties["RequestPath"].ToString() == "\"/review/{token}\""));
        lock (site.Log)
            Assert.DoesNotContain(site.Log, e => e.RenderMessage().Contains(token) || e.Properties.Values.Any(v => v.ToString().Contains(token)));
    }

    /// <summary>
    /// A reader gives up on a page while its render waits for the database (held here by another writer, as a backup
    /// or a long save would), and a second reader asks for the same page meanwhile: the output cache lets the second wait
    /// for the first one's render. The abandoned request is logged as aborted (499, information), and the one still
    /// waiting gets the page, not an error.
    /// </summary>
    [SqliteFact]
    public async Task A_request_whose_client_went_away_is_logged_as_aborted_and_the_reader_waiting_for_the_same_page_gets_it()
    {
        using var site = new LoggedSite();
        const string path = "/topics/immune-system";
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync("/healthz")).StatusCode);

        Task<HttpResponseMessage> waiting;
        Task<HttpResponseMessage> abandoned;
        using (var giveUp = new CancellationTokenSource())
        {
            await using (await HoldDatabaseAsync(site))
            {
                abandoned = site.CreateClient().GetAsync(path, giveUp.Token);
                await Task.Delay(TimeSpan.FromSeconds(1.5)); // its render now waits for the database
                waiting = site.CreateClient().GetAsync(path);
                await Task.Delay(TimeSpan.FromSeconds(1)); // the second now waits for the first one's render
                giveUp.Cancel();
            }
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }
        var answer = await waiting;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Immune system", await answer.Content.ReadAsStringAsync());
        // The abandoned request's event is written when its pipeline ends, beside the second one's render.
        List<LogEvent> logged = [];
        for (var waited = 0; waited < 100 && !logged.Any(e => e.Properties.GetValueOrDefault("StatusCode")?.ToString() == "499"); waited++)
        {
            if (waited > 0)
                await Task.Delay(100);
            lock (site.Log)
                logged = [.. site.Log];
        }
        var lines = string.Join("\n", logged.Select(e => $"{e.Level} {e.RenderMessage()} {e.Exception?.GetType().Name}"));
        Assert.True(logged.All(e => e.Level < LogEventLevel.Error), lines);
        var requests = logged.Where(e => e.Properties.ContainsKey("RequestMethod") && e.Properties["RequestPath"].ToString() == $"\"{path}\"").ToList();
        Assert.True(requests.Count(e => e.Properties["StatusCode"].ToString() == "499" && e.Level == LogEventLevel.Information) == 1, lines);
        Assert.True(requests.Count(e => e.Properties["StatusCode"].ToString() == "200") == 1, lines);
    }

    /// <summary>
    /// Another connection writing the database in exclusive locking mode, which readers wait for too (up to SQLite's
    /// busy timeout). The site's idle pooled connections are closed first: the lock is taken only once they are gone.
    /// </summary>
    /// <summary>
    /// Readers of a WAL database wait only for a connection in exclusive locking mode, which it can take only while no
    /// other connection has the file open: the checkpointer's held connection is let go (by stopping it) and the pool
    /// emptied first.
    /// </summary>
    private static async Task<SqliteConnection> HoldDatabaseAsync(LoggedSite site)
    {
        await site.Services.GetRequiredService<SqliteCheckpointer>().StopAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();
        var holder = new SqliteConnection($"Data Source={site.DatabasePath};Pooling=false");
        await holder.OpenAsync();
        await using var exclusive = holder.CreateCommand();
        exclusive.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE HeldByTheTest (Id INTEGER);";
        await exclusive.ExecuteNonQueryAsync();
        return holder;
    }
}

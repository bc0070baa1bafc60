using System.Net;
using System.Text.RegularExpressions;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using Microsoft.Data.Sqlite;

namespace GutImmune.Tests.Performance;

/// <summary>
/// An article page the output cache misses costs the same at 100,000 articles as at one: SQLite answers each of its
/// commands through indexes, never by reading a table whose size grows with the articles (EXPLAIN QUERY PLAN of every
/// command the page runs, with the values it ran with).
/// </summary>
public partial class ArticlePageQueryPlanTests(SqlCommandRecorder.Site factory) : IClassFixture<SqlCommandRecorder.Site>
{
    /// <summary>Tables with rows per article (or per article and topic).</summary>
    private static readonly HashSet<string> GrowWithArticles = ["Articles", "ReaderEditions", "ReaderEditionTopics", "Topics", "Sections", "Citations"];

    [SqliteFact]
    public async Task Uncached_article_page_reads_no_table_that_grows_with_the_articles_in_full()
    {
        var client = factory.CreateUncachedClient();
        const string Page = "/articles/gut-immune-system-connection";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);

        IReadOnlyList<SqlCommandRecorder.Command> commands;
        using (var recorder = new SqlCommandRecorder(factory.DatabaseName))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);
            commands = recorder.Commands;
        }

        Assert.NotEmpty(commands);
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
        connection.Open();
        var fullReads = commands.SelectMany(command => FullReads(connection, command)).ToList();
        Assert.True(fullReads.Count == 0, "Read in full:\n" + string.Join("\n\n", fullReads));
    }

    /// <summary>The plan steps of <paramref name="command"/> that read a table of <see cref="GrowWithArticles"/> whole (SCAN, or MATERIALIZE of all its rows).</summary>
    private static IEnumerable<string> FullReads(SqliteConnection connection, SqlCommandRecorder.Command command)
    {
        var tableOf = TableAlias().Matches(command.Text).ToDictionary(m => m.Groups["alias"].Value, m => m.Groups["table"].Value);
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var plan = explain.ExecuteReader();
        while (plan.Read())
        {
            var step = plan.GetString(3);
            if (ScanStep().Match(step) is { Success: true } scan && tableOf.TryGetValue(scan.Groups["alias"].Value, out var table)
                && GrowWithArticles.Contains(table))
                yield return $"{table}: {step}\n{command.Text}";
        }
    }

    [GeneratedRegex("\"(?<table>\\w+)\" AS \"(?<alias>\\w+)\"")]
    private static partial Regex TableAlias();

    [GeneratedRegex("^SCAN (?<alias>\\w+)(?! USING INTEGER PRIMARY KEY)")]
    private static partial Regex ScanStep();
}

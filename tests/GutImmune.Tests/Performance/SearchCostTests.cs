using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using GutImmune.Tests.ScaleOut;
using GutImmune.Web.Search;
using Microsoft.Data.Sqlite;

namespace GutImmune.Tests.Performance;

/// <summary>
/// A search costs what the page shows, not what the index holds: FTS5's bm25 counts every entry holding each word it
/// weighs (all 1.6 million entries of 100,000 articles for a word in every one), so a word in more entries than
/// <see cref="SqliteFullTextIndex.WeighedWordLimit"/> is matched but never handed to bm25.
/// </summary>
public partial class SearchCostTests(SqlCommandRecorder.Site factory) : IClassFixture<SqlCommandRecorder.Site>
{
    [SqliteFact]
    public async Task A_word_in_more_entries_than_bm25_may_count_is_matched_but_only_rarer_words_are_weighed()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        AddEntriesToTheSeedArticle();

        var (places, weighed) = await SearchAsync(client, "quokkaword wombatword");
        Assert.NotEmpty(weighed);
        Assert.All(weighed, match => Assert.DoesNotContain("quokkaword", match));
        Assert.Contains(weighed, match => match.Contains("wombatword"));
        // Both entries holding both words are found; the one with them in its heading first.
        Assert.Equal(["/articles/gut-immune-system-connection/quokka#heading-hit", "/articles/gut-immune-system-connection/quokka#text-hit"], places);

        // Nothing to weigh: still found, the place with the word in its heading first.
        (places, weighed) = await SearchAsync(client, "quokkaword");
        Assert.Empty(weighed);
        Assert.Equal("/articles/gut-immune-system-connection/quokka#heading-hit", places[0]);
    }

    /// <summary>The links to the places listed under the results, and the MATCH values bm25 scored to find them.</summary>
    private async Task<(List<string?> Places, List<string> Weighed)> SearchAsync(HttpClient client, string query)
    {
        using var recorder = new SqlCommandRecorder(factory.DatabaseName);
        var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var places = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelectorAll(".search-places h3 a").Select(a => a.GetAttribute("href")).ToList();
        return (places, recorder.Commands.SelectMany(WeighedMatches).ToList());
    }

    /// <summary>
    /// More entries holding "quokkaword" than bm25 may count, two of them also "wombatword": the newest in its heading,
    /// the one before in its text.
    /// </summary>
    private void AddEntriesToTheSeedArticle()
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count),
            seed AS (SELECT ArticleId FROM ReaderEditions WHERE Slug = 'gut-immune-system-connection')
            INSERT INTO SearchEntries (ArticleId, SectionSlug, Anchor, Heading, Body)
            SELECT seed.ArticleId, 'quokka',
                   CASE n.i WHEN @count THEN 'heading-hit' WHEN @count - 1 THEN 'text-hit' ELSE 'filler-' || n.i END,
                   CASE n.i WHEN @count THEN 'Quokkaword and wombatword' ELSE 'Filler' END,
                   CASE n.i WHEN @count - 1 THEN 'A quokkaword text with wombatword.' ELSE 'A quokkaword text.' END
            FROM n, seed
            """;
        insert.Parameters.AddWithValue("count", SqliteFullTextIndex.WeighedWordLimit + 1);
        Assert.Equal(SqliteFullTextIndex.WeighedWordLimit + 1, insert.ExecuteNonQuery());
    }

    /// <summary>The values of the MATCH parameters a command's bm25 scores (the MATCH of the SELECT that calls bm25).</summary>
    private static IEnumerable<string> WeighedMatches(SqlCommandRecorder.Command command) =>
        Bm25Match().Matches(command.Text).Select(m => (string)command.Parameters.Single(p => p.Name.TrimStart('@') == m.Groups["parameter"].Value).Value!);

    [GeneratedRegex(@"bm25\([^;]*?\bMATCH @(?<parameter>\w+)")]
    private static partial Regex Bm25Match();
}

using System.Text.Json;
using AngleSharp.Html.Parser;

namespace GutImmune.Tests.Search;

/// <summary>
/// The judged queries of relevance.json, scored against a running site as mean reciprocal rank: for each query, 1 / the
/// position of the judged place among the places of the seed article the results page links to (0 when it is not there).
/// </summary>
public static class RelevanceJudgements
{
    public const double MinimumMeanReciprocalRank = 0.9;

    public sealed record Judgement(string Query, string Expected, string Why);

    private sealed record File(string Article, string Note, List<Judgement> Judgements);

    public sealed record Score(double MeanReciprocalRank, IReadOnlyList<(Judgement Judgement, int Rank, IReadOnlyList<string> Places)> Queries)
    {
        public string Report() => $"MRR {MeanReciprocalRank:F3} over {Queries.Count} queries\n" + string.Join("\n", Queries
            .Where(q => q.Rank != 1)
            .Select(q => $"  \"{q.Judgement.Query}\": {(q.Rank == 0 ? "not found" : $"rank {q.Rank}")} of {q.Judgement.Expected}; got {string.Join(", ", q.Places.Take(5))}"));
    }

    private static readonly File Judged = JsonSerializer.Deserialize<File>(
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Search", "relevance.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public static IReadOnlyList<Judgement> All => Judged.Judgements;

    public static async Task<Score> ScoreAsync(HttpClient client)
    {
        var article = $"/articles/{Judged.Article}";
        var queries = new List<(Judgement, int, IReadOnlyList<string>)>();
        foreach (var judgement in Judged.Judgements)
        {
            var html = await client.GetStringAsync($"/search?q={Uri.EscapeDataString(judgement.Query)}");
            // The places of the article in the order the page lists them: "section", "section#anchor" or "#ref-N".
            var places = new HtmlParser().ParseDocument(html).QuerySelectorAll(".search-results a")
                .Select(a => a.GetAttribute("href")!)
                .Where(href => href.StartsWith(article + "/") || href.StartsWith(article + "#"))
                .Select(href => href[article.Length..].TrimStart('/'))
                .Distinct()
                .ToList();
            queries.Add((judgement, places.IndexOf(judgement.Expected) + 1, places));
        }
        return new Score(queries.Average(q => q.Item2 == 0 ? 0 : 1.0 / q.Item2), queries);
    }
}

using GutImmune.Tests.Web;
using Xunit.Abstractions;

namespace GutImmune.Tests.Search;

public class SearchRelevanceTests(GutImmuneFactory factory, ITestOutputHelper output) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Judged_queries_over_the_seed_article_land_on_the_judged_place_first()
    {
        var score = await RelevanceJudgements.ScoreAsync(factory.CreateClient());

        output.WriteLine(score.Report());
        Assert.True(RelevanceJudgements.All.Count >= 25);
        Assert.True(score.MeanReciprocalRank >= RelevanceJudgements.MinimumMeanReciprocalRank, score.Report());
    }
}

using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A page rendered from the content as it was before a publication, but stored by the output cache after the
/// publication's eviction (a render in flight across the save), is evicted again moments later: without it the page
/// would be kept as it was for the article's cache lifetime.
/// </summary>
public class RepeatedEvictionTests(RepeatedEvictionTests.ClockedSite site) : IClassFixture<RepeatedEvictionTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite()
        {
            UseFakeClock = true;
            Settings["ReaderCache:EvictAgainAfter"] = "00:00:03";
        }
    }

    [Fact]
    public async Task A_page_stored_from_the_content_before_a_publication_is_evicted_again_after_the_setting_s_delay()
    {
        const string url = "/articles/evicted-again";
        // Published a day ago by the site's clock: the scheduled-publication eviction has nothing to do with it.
        await SyntheticArticles.CreateAsync(site, "evicted-again", "The published title", ArticleStatus.Published,
            site.Clock.GetUtcNow().UtcDateTime.AddDays(-1), ["evicted-again-topic"]);
        var client = site.CreateClient();

        // As a render that read the edition before the publication's commit and was stored after its eviction.
        await site.RetitleEditionBehindTheSitesBackAsync("evicted-again", "The title before");
        Assert.Contains("The title before", await client.GetStringAsync(url));
        await site.RetitleEditionBehindTheSitesBackAsync("evicted-again", "The published title");
        Assert.Contains("The title before", await client.GetStringAsync(url));

        site.Clock.Advance(TimeSpan.FromSeconds(3));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string page;
        while ((page = await client.GetStringAsync(url)).Contains("The title before") && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.DoesNotContain("The title before", page);
        Assert.Contains("<h1>The published title</h1>", page);
    }
}

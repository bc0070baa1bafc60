using System.Globalization;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.People;

namespace GutImmune.Tests.Caching;

/// <summary>
/// An article page the output cache does not serve keeps its markup (the cache tag helper in Show.cshtml) under a key
/// naming all it is made of: the edition and its version, its surroundings as stored (ArticleSurroundingsCache), and the
/// day its citation says it was accessed. Every request here sends credentials, so the output cache neither serves nor
/// stores the page; to see whether the markup was kept, the tests change the database behind the site's back.
/// </summary>
public class ArticleMarkupCacheTests(ArticleMarkupCacheTests.ClockedSite factory) : IClassFixture<ArticleMarkupCacheTests.ClockedSite>
{
    public sealed class ClockedSite : GutImmuneFactory
    {
        public ClockedSite() => UseFakeClock = true;
    }

    [Fact]
    public async Task The_articles_markup_is_kept_from_its_second_reading_until_its_surroundings_change()
    {
        var client = factory.CreateUncachedClient();
        await SyntheticArticles.CreateAsync(factory, "markup-kept", "Markup before", ArticleStatus.Published, factory.Clock.GetUtcNow().UtcDateTime.AddDays(-1), []);
        Assert.Contains("<h1>Markup before</h1>", await client.GetStringAsync("/articles/markup-kept"));

        // The first reading is not kept (most pages of a large site are read once); the second is.
        await factory.RetitleEditionBehindTheSitesBackAsync("markup-kept", "Markup renamed once");
        Assert.Contains("<h1>Markup renamed once</h1>", await client.GetStringAsync("/articles/markup-kept"));
        await factory.RetitleEditionBehindTheSitesBackAsync("markup-kept", "Markup renamed behind the site");
        Assert.Contains("<h1>Markup renamed once</h1>", await client.GetStringAsync("/articles/markup-kept"));

        // Saving any profile evicts every page's surroundings; stored anew, they carry a new stamp, and the markup is rendered anew.
        Assert.IsType<PersonSave.Saved>(await factory.WithServiceAsync<PeopleEditor, PersonSave>(people =>
            people.CreateAsync(new PersonFields("Markup Person", "markup-person", null, "Author", null, null), default)));
        Assert.Contains("<h1>Markup renamed behind the site</h1>", await client.GetStringAsync("/articles/markup-kept"));
    }

    [Fact]
    public async Task The_next_day_the_citation_gives_the_new_access_date()
    {
        var client = factory.CreateUncachedClient();
        await SyntheticArticles.CreateAsync(factory, "markup-day", "Markup of a day", ArticleStatus.Published, factory.Clock.GetUtcNow().UtcDateTime.AddDays(-1), []);
        string Accessed() => $"Accessed {factory.Clock.GetUtcNow().ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}.";
        Assert.Contains(Accessed(), await client.GetStringAsync("/articles/markup-day"));

        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains(Accessed(), await client.GetStringAsync("/articles/markup-day"));
    }
}

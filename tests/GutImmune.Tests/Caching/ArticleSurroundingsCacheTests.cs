using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.People;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Caching;

/// <summary>
/// A page the output cache does not serve keeps its related articles and credits (ArticleSurroundingsCache) until an
/// article is published or withdrawn or a profile saved. Every request here sends credentials, so the output cache
/// neither serves nor stores the page; to see whether the surroundings were kept, the tests change the database behind
/// the site's back.
/// </summary>
public class ArticleSurroundingsCacheTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Related_articles_are_kept_until_another_article_is_published_or_withdrawn()
    {
        string[] topics = ["surroundings-topic"];
        var client = factory.CreateUncachedClient();
        await SyntheticArticles.CreateAsync(factory, "surroundings-page", "Page with related articles", ArticleStatus.Published, DateTime.UtcNow.AddDays(-3), topics);
        var relatedId = await SyntheticArticles.CreateAsync(factory, "surroundings-related", "Related before", ArticleStatus.Published, DateTime.UtcNow.AddDays(-2), topics);
        Assert.Contains("Related before", await client.GetStringAsync("/articles/surroundings-page"));

        await factory.RetitleEditionBehindTheSitesBackAsync("surroundings-related", "Related renamed behind the site");
        Assert.Contains("Related before", await client.GetStringAsync("/articles/surroundings-page"));

        await SyntheticArticles.CreateAsync(factory, "surroundings-new", "Newly published", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), topics);
        var page = await client.GetStringAsync("/articles/surroundings-page");
        Assert.Contains("Newly published", page);
        Assert.Contains("Related renamed behind the site", page);

        var version = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.Where(a => a.Id == relatedId).Select(a => a.Version).SingleAsync());
        Assert.IsType<EditOutcome.Saved>(await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.EditAsync(relatedId, version, "Withdrawn", article => { article.Status = ArticleStatus.Unpublished; return null; }, default)));
        Assert.DoesNotContain("Related renamed behind the site", await client.GetStringAsync("/articles/surroundings-page"));
    }

    [Fact]
    public async Task A_saved_profile_shows_at_once_in_the_credits_and_structured_data_of_the_page()
    {
        var client = factory.CreateUncachedClient();
        var id = await SyntheticArticles.CreateAsync(factory, "surroundings-credits", "Credits kept", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), []);
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AuthorName, "Surroundings Author")));
        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.ReaderEditions.Where(e => e.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.AuthorName, "Surroundings Author")));
        Assert.DoesNotContain("/people/surroundings-author", await client.GetStringAsync("/articles/surroundings-credits"));

        Assert.IsType<PersonSave.Saved>(await factory.WithServiceAsync<PeopleEditor, PersonSave>(people =>
            people.CreateAsync(new PersonFields("Surroundings Author", "surroundings-author", "PhD", "Author", null, null), default)));

        var page = await client.GetStringAsync("/articles/surroundings-credits");
        Assert.Contains("href=\"/people/surroundings-author\"", page);
        Assert.Contains("/people/surroundings-author\"", page[page.IndexOf("application/ld+json", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Credits_are_kept_per_names_for_every_article_with_them_until_a_profile_is_saved()
    {
        var client = factory.CreateUncachedClient();
        foreach (var slug in new[] { "credits-first", "credits-second" })
        {
            var id = await SyntheticArticles.CreateAsync(factory, slug, "Shared credits", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), []);
            await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
                db.ReaderEditions.Where(e => e.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.AuthorName, "Shared Credits Author")));
        }
        Assert.IsType<PersonSave.Saved>(await factory.WithServiceAsync<PeopleEditor, PersonSave>(people =>
            people.CreateAsync(new PersonFields("Shared Credits Author", "shared-credits-author", "MD", "Author", null, null), default)));
        Assert.Contains("Shared Credits Author, MD", await client.GetStringAsync("/articles/credits-first"));

        await factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.People.Where(p => p.Slug == "shared-credits-author").ExecuteUpdateAsync(s => s.SetProperty(p => p.Credentials, "PhD")));
        Assert.Contains("Shared Credits Author, MD", await client.GetStringAsync("/articles/credits-second"));

        Assert.IsType<PersonSave.Saved>(await factory.WithServiceAsync<PeopleEditor, PersonSave>(people =>
            people.CreateAsync(new PersonFields("Another Credits Person", "another-credits-person", null, "Author", null, null), default)));
        Assert.Contains("Shared Credits Author, PhD", await client.GetStringAsync("/articles/credits-second"));
    }
}

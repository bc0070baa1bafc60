using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Editing;

/// <summary>A slug names one article: another article's, its published address, or a former address of it, is refused.</summary>
public class SlugTakenTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private static Article NewArticle(string slug, ArticleStatus status = ArticleStatus.Draft) => new()
    {
        Slug = slug, Title = $"Article {slug}", Summary = "Synthetic test data.", AuthorName = "Test", Status = status,
        PublishedAt = status == ArticleStatus.Published ? DateTime.UtcNow.AddMinutes(-1) : null,
        Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Synthetic text." }],
    };

    private Task<EditOutcome> CreateAsync(Article article) =>
        factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(article, "Made by a test", default));

    [Fact]
    public async Task An_article_cannot_take_the_slug_of_another()
    {
        var outcome = Assert.IsType<EditOutcome.Invalid>(await CreateAsync(NewArticle("gut-immune-system-connection")));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("\"gut-immune-system-connection\" is already used by another article.", problem.Message);
    }

    [Fact]
    public async Task An_article_cannot_take_the_published_or_former_address_of_one_renamed()
    {
        var live = Assert.IsType<EditOutcome.Saved>(await CreateAsync(NewArticle("slug-live", ArticleStatus.Published)));
        Assert.IsType<EditOutcome.Saved>(await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.EditAsync(live.ArticleId, live.Version, "Renamed", article =>
            {
                article.Slug = "slug-renamed";
                return null;
            }, default)));

        var outcome = Assert.IsType<EditOutcome.Invalid>(await CreateAsync(NewArticle("slug-live")));

        Assert.Equal("\"slug-live\" is already used by another article (as a former address).", Assert.Single(outcome.Problems).Message);
        Assert.IsType<EditOutcome.Saved>(await CreateAsync(NewArticle("slug-free")));
    }
}

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Reading;

/// <summary>Home and topic pages list articles as cards: an image slot (a designed stand-in), title, summary, byline, review line.</summary>
public class ArticleCardTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<string> PublishAsync(string title, DateOnly? reviewedOn = null)
    {
        var slug = Slug.From(title);
        using var scope = factory.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().CreateAsync(new Article
        {
            Slug = slug, Title = title, Summary = $"Summary of {title}.", AuthorName = "Card Author",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            ReviewedBy = reviewedOn is null ? null : "Dr. Card Reviewer", LastReviewedOn = reviewedOn,
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Text of a card test article." }],
        }, "Made by a card test", default);
        Assert.IsType<EditOutcome.Saved>(outcome);
        return slug;
    }

    private async Task<IElement> CardAsync(string listUrl, string slug)
    {
        var response = await factory.CreateClient().GetAsync(listUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelectorAll(".cards > li.card")
            .Single(card => card.QuerySelector(".card-title a")?.GetAttribute("href") == $"/articles/{slug}");
    }

    [Fact]
    public async Task Home_card_shows_title_summary_byline_and_the_date_of_the_medical_review()
    {
        var slug = await PublishAsync("Reviewed card article", reviewedOn: new DateOnly(2026, 3, 14));

        var card = await CardAsync("/", slug);

        Assert.Equal("Reviewed card article", card.QuerySelector(".card-title a")!.TextContent);
        Assert.Equal("Summary of Reviewed card article.", card.QuerySelector(".card-summary")!.TextContent);
        Assert.Contains("By Card Author", card.TextContent);
        Assert.Equal("Medically reviewed 14 March 2026", card.QuerySelector(".reviewed")!.TextContent.Trim());
        Assert.Equal("2026-03-14", card.QuerySelector(".reviewed time")!.GetAttribute("datetime"));
        Assert.Single(card.QuerySelectorAll("a"));
    }

    [Fact]
    public async Task Card_of_an_article_without_an_image_shows_the_designed_stand_in_and_says_it_is_not_yet_reviewed()
    {
        var slug = await PublishAsync("Unreviewed card article");

        var card = await CardAsync("/", slug);

        Assert.Null(card.QuerySelector("picture"));
        Assert.Equal("", card.QuerySelector(".card-media .card-fallback img.logo-mark")!.GetAttribute("alt"));
        Assert.Contains("Not yet medically reviewed", card.QuerySelector(".card-dates")!.TextContent);
        Assert.Null(card.QuerySelector(".reviewed"));
    }
}

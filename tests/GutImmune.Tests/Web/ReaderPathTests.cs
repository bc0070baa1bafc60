using AngleSharp.Html.Parser;
using GutImmune.Web.Controllers;
using GutImmune.Web.People;
using GutImmune.Web.SitePages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Web;

/// <summary>The paths reader pages print as strings are the ones their routes generate.</summary>
public class ReaderPathTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("gut-immune-system-connection", "causes-of-gut-imbalance")]
    [InlineData("a1", "b-2")]
    public void Article_section_topic_and_profile_paths_are_those_of_their_routes(string slug, string sectionSlug)
    {
        var links = factory.Services.GetRequiredService<LinkGenerator>();
        Assert.Equal(links.GetPathByAction("Show", "Articles", new { area = "", slug }), ArticlesController.PathOf(slug));
        Assert.Equal(links.GetPathByAction("Section", "Articles", new { area = "", slug, sectionSlug }), ArticlesController.SectionPathOf(slug, sectionSlug));
        Assert.Equal(links.GetPathByAction("Show", "Topics", new { area = "", slug }), TopicsController.PathOf(slug));
        Assert.Equal(links.GetPathByAction("Show", "People", new { area = "", slug }), PeopleDirectory.ProfilePath(slug));
    }

    [Fact]
    public void The_layouts_header_and_footer_paths_are_those_of_their_routes()
    {
        var links = factory.Services.GetRequiredService<LinkGenerator>();
        Assert.Equal(HomeController.IndexPath, links.GetPathByAction("Index", "Home", new { area = "" }));
        Assert.Equal(TopicsController.IndexPath, links.GetPathByAction("Index", "Topics", new { area = "" }));
        Assert.Equal(PeopleController.IndexPath, links.GetPathByAction("Index", "People", new { area = "" }));
        Assert.Equal(SitePagesController.SitemapPath, links.GetPathByAction("Sitemap", "SitePages", new { area = "" }));
        foreach (var slug in new[] { SitePageTexts.About, SitePageTexts.EditorialPolicy, SitePageTexts.Contact, SitePageTexts.Privacy })
            Assert.Equal(links.GetPathByAction("Show", "SitePages", new { area = "", slug }), SitePagesController.PathOf(slug));
    }

    [Fact]
    public async Task Every_logo_is_the_marks_element_with_the_files_version()
    {
        var client = factory.CreateClient();
        async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path) => new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var article = await PageAsync(ArticlesController.PathOf("gut-immune-system-connection"));
        var section = await PageAsync(ArticlesController.SectionPathOf("gut-immune-system-connection", "causes-of-gut-imbalance"));
        var topic = await PageAsync(TopicsController.PathOf("microbiome"));
        var admin = await PageAsync("/admin/sign-in");

        var headerLogo = article.QuerySelector(".site-header .site-name img.logo-mark")!;
        string[] logos =
        [
            article.QuerySelector("main .header-mark img.logo-mark")!.OuterHtml,
            section.QuerySelector("main .header-mark img.logo-mark")!.OuterHtml,
            topic.QuerySelector(".card-fallback img.logo-mark")!.OuterHtml,
            admin.QuerySelector(".site-name img.logo-mark")!.OuterHtml,
        ];

        Assert.All(logos, logo => Assert.Equal(headerLogo.OuterHtml, logo));
        Assert.Matches("^/favicon\\.svg\\?v=[A-Za-z0-9_-]{43}$", headerLogo.GetAttribute("src"));
        Assert.Equal("", headerLogo.GetAttribute("alt"));
        Assert.Equal("GutImmune", article.QuerySelector(".site-header .site-name")!.TextContent.Trim());
    }
}

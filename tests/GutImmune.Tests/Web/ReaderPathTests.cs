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
    public async Task The_layouts_logo_is_the_element_the_LogoMark_partial_writes_with_the_files_version()
    {
        var page = new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync(ArticlesController.PathOf("gut-immune-system-connection")));

        var headerLogo = page.QuerySelector(".site-header .site-name img.logo-mark")!;
        var partialLogo = page.QuerySelector("main .header-mark img.logo-mark")!;

        Assert.Equal(partialLogo.OuterHtml, headerLogo.OuterHtml);
        Assert.Matches("^/favicon\\.svg\\?v=[A-Za-z0-9_-]{43}$", headerLogo.GetAttribute("src"));
        Assert.Equal("GutImmune", page.QuerySelector(".site-header .site-name")!.TextContent.Trim());
    }
}

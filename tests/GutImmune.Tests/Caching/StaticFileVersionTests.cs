using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Web;

namespace GutImmune.Tests.Caching;

/// <summary>
/// The site's own files (stylesheets, the logo and icon, scripts) are addressed with their version, so browsers keep
/// them for a year instead of asking again every hour (Lighthouse's "efficient cache policy" audit). A stylesheet cannot
/// version what its url() points at, so the files it loads count too.
/// </summary>
public partial class StaticFileVersionTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [GeneratedRegex("""url\(\s*["']?([^"')]+)""")]
    private static partial Regex CssUrl();

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/gut-immune-system-connection")]
    [InlineData("/articles/gut-immune-system-connection/causes-of-gut-imbalance")]
    [InlineData("/admin/sign-in")]
    public async Task Every_file_a_page_loads_from_the_site_is_cached_for_a_year(string path)
    {
        var client = factory.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        var stylesheets = page.QuerySelectorAll("link[rel~=stylesheet][href]").Select(e => e.GetAttribute("href")!).ToList();
        var files = stylesheets
            .Concat(page.QuerySelectorAll("link[rel~=icon][href]").Select(e => e.GetAttribute("href")!))
            .Concat(page.QuerySelectorAll("img[src], script[src]").Select(e => e.GetAttribute("src")!))
            .ToList();
        foreach (var stylesheet in stylesheets.Where(IsTheSites))
        {
            var css = await client.GetStringAsync(stylesheet);
            files.AddRange(CssUrl().Matches(css).Select(m => m.Groups[1].Value).Where(url => !url.StartsWith("data:"))
                .Select(url => new Uri(new Uri(client.BaseAddress!, stylesheet), url).PathAndQuery));
        }
        files = files.Where(IsTheSites).Distinct().ToList();

        Assert.Contains(files, url => url.StartsWith("/favicon.svg"));
        foreach (var url in files)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.ToString() == "public, max-age=31536000, immutable",
                $"{path} loads {url}, served with Cache-Control: {response.Headers.CacheControl}");
        }
    }

    private static bool IsTheSites(string url) => url.StartsWith('/') && !url.StartsWith("//");
}

using Microsoft.EntityFrameworkCore;
using System.Net;
using AngleSharp.Html.Parser;
using GutImmune.Tests.ScaleOut;

namespace GutImmune.Tests.Web;

public class ErrorPageTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/articles/gut-immune-system-connection/no-such-section")]
    [InlineData("/articles/no-such-article/introduction")]
    [InlineData("/articles/gut-immune-system-connection/%20%20%20")]
    [InlineData("/no/such/page")]
    [InlineData("/articles/%E2%9C%93%20%3Cscript%3E")]
    public async Task Unknown_pages_answer_404_in_the_site_layout(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page not found", page.QuerySelector("main h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("header.site-header"));
    }

    [Theory]
    [InlineData("/?page=-5")]
    [InlineData("/?page=abc")]
    [InlineData("/?page=99999999999")]
    [InlineData("/?page=2147483647")]
    [InlineData("/articles/gut-immune-system-connection?x=%00%27%22--")]
    [InlineData("/articles/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/articles/gut-immune-system-connection/..%2Fintroduction")]
    public async Task Odd_paths_and_query_strings_never_give_a_server_error(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Overlong_slug_is_a_404()
    {
        var response = await factory.CreateClient().GetAsync("/articles/" + new string('a', 5000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_endpoint_answers_200_when_the_database_is_reachable()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task Site_uses_the_configured_database_file_with_write_ahead_logging()
    {
        await factory.CreateClient().GetAsync("/healthz");

        Assert.True(File.Exists(factory.DatabasePath));
        var mode = await factory.WithServiceAsync<GutImmune.Web.Data.GutImmuneDbContext, string>(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string)(await command.ExecuteScalarAsync())!;
        });
        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Stylesheet_is_served_from_the_root_wwwroot()
    {
        var response = await factory.CreateClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("prefers-color-scheme", await response.Content.ReadAsStringAsync());
    }
}

public class ErrorRouteTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Theory]
    [InlineData("/error/500")]
    [InlineData("/error/403")]
    [InlineData("/error")]
    public async Task Error_pages_asked_for_directly_are_not_found(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Control_characters_in_a_search_separate_words_and_are_not_echoed()
    {
        var html = await factory.CreateClient().GetStringAsync("/search?q=gut%00health%01");

        Assert.DoesNotContain("&#x0;", html);
        Assert.DoesNotContain("&#x1;", html);
        Assert.Contains("value=\"gut health\"", html);
    }
}

using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Admin;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Operations;

/// <summary>
/// The database goes away while the site runs (its folder is moved aside, as when a volume is lost): cached pages keep
/// serving, pages that need the database say so with 503 and Retry-After, and the site recovers when it comes back.
/// </summary>
public class DatabaseFaultTests : IDisposable
{
    private readonly GutImmuneFactory _site = new();

    [SqliteFact]
    public async Task Without_the_database_cached_pages_serve_and_other_pages_answer_503_with_retry_after_until_it_returns()
    {
        var client = _site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/articles/gut-immune-system-connection")).StatusCode);

        HttpResponseMessage cached, uncached;
        using (await DatabaseOutage.BeginAsync(_site))
        {
            cached = await client.GetAsync("/articles/gut-immune-system-connection");
            uncached = await client.GetAsync("/topics");
        }
        var recovered = await client.GetAsync("/topics");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, uncached.StatusCode);
        Assert.NotNull(uncached.Headers.RetryAfter?.Delta);
        var page = new HtmlParser().ParseDocument(await uncached.Content.ReadAsStringAsync());
        Assert.Contains("cannot reach its database", page.QuerySelector("main")?.TextContent);
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [SqliteFact]
    public async Task Without_the_database_every_page_that_needs_it_answers_503_with_retry_after()
    {
        string[] urls = ["/", "/search?q=immune", "/articles/gut-immune-system-connection/introduction", "/feed.xml",
            "/sitemap.xml"];
        var client = _site.CreateClient();

        var answers = new List<string>();
        using (await DatabaseOutage.BeginAsync(_site))
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                answers.Add($"{url} {(int)response.StatusCode} Retry-After: {response.Headers.RetryAfter}");
            }

        Assert.All(answers, answer => Assert.Matches(@" 503 Retry-After: \d+$", answer));
    }

    [SqliteFact]
    public async Task A_signed_in_editor_gets_the_503_page_too_although_every_request_checks_the_account_in_the_database()
    {
        var editor = await StaffSession.SignInAsync(_site, Roles.Editor);

        HttpResponseMessage response;
        using (await DatabaseOutage.BeginAsync(_site))
            response = await editor.Client.GetAsync("/admin/articles");
        var recovered = await editor.Client.GetAsync("/admin/articles");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot reach its database", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [SqliteFact]
    public async Task A_database_that_became_read_only_answers_sign_in_with_the_503_page_and_takes_the_instance_out_of_readiness()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(_site, Roles.Editor);
        await StaffSession.SignInAsync(_site, Roles.Editor);
        // A second instance on the same file that may only read it (Mode=ReadOnly: the tests run as root, whom no file mode
        // stops). Its start does not refuse the file: without migration at start it is not checked there.
        using var readOnly = new GutImmuneFactory();
        readOnly.Settings["ConnectionStrings:Default"] = $"Data Source={_site.DatabasePath};Mode=ReadOnly";
        readOnly.Settings["Database:MigrateOnStartup"] = "false";
        var reader = readOnly.CreateClient();

        var article = await reader.GetAsync("/articles/gut-immune-system-connection");
        var signIn = await new StaffSession(readOnly.CreateBrowserClient(), readOnly).SignInAsync(email, password);
        var ready = await reader.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.NotNull(signIn.Headers.RetryAfter?.Delta);
        Assert.Contains("cannot reach its database", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task A_postgresql_server_that_refuses_connections_gives_503_pages_and_a_live_but_unready_instance()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var site = new GutImmuneFactory();
        site.Settings["Database:Provider"] = "Postgres";
        site.Settings["ConnectionStrings:Default"] = $"Host=127.0.0.1;Port={closedPort};Database=gutimmune;Username=gutimmune;Password=unused";
        // A stopped server at start-up: the instance must come up and say so, not fail to start.
        site.Settings["Database:MigrateOnStartup"] = "false";
        var client = site.CreateClient();

        var page = await client.GetAsync("/topics");
        var live = await client.GetAsync("/healthz/live");
        var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("cannot reach its database", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    public void Dispose()
    {
        _site.Dispose();
        GC.SuppressFinalize(this);
    }
}

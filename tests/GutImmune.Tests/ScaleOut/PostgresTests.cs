using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Search;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using GutImmune.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GutImmune.Tests.ScaleOut;

/// <summary>The site on PostgreSQL (Database:Provider=Postgres): its own migrations, full-text search, UTC timestamps.</summary>
public class PostgresTests(PostgresSite site, ITestOutputHelper output) : IClassFixture<PostgresSite>
{
    private const string ArticleUrl = "/articles/gut-immune-system-connection";

    private async Task<IHtmlDocument> SearchAsync(string query)
    {
        var response = await site.CreateClient().GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [ServicesFact]
    public async Task Migrations_apply_to_an_empty_database_and_the_seed_article_is_served()
    {
        var response = await site.CreateClient().GetAsync(ArticleUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>The Gut-Immune System Connection</h1>", await response.Content.ReadAsStringAsync());
        var (all, applied, pending, engine) = await site.WithServiceAsync<GutImmuneDbContext, (List<string>, List<string>, List<string>, string?)>(async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(),
                (await db.Database.GetPendingMigrationsAsync()).ToList(), db.Database.ProviderName));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", engine);
        Assert.Equal("20261125043418_Initial", applied.First());
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    [ServicesFact]
    public async Task One_process_serves_article_pages_from_sqlite_and_postgresql_sites_alike()
    {
        // Compiled queries serve one model each: a process that had read a page through one engine once answered 500
        // for every article page of the other.
        // (An Authorization header keeps the output cache out of the way, so each request builds its page.)
        using var sqliteSite = new GutImmuneFactory();
        static HttpClient Uncached(HttpClient client)
        {
            client.DefaultRequestHeaders.Add("Authorization", "Bearer none");
            return client;
        }
        var fromSqlite = await Uncached(sqliteSite.CreateClient()).GetAsync(ArticleUrl);
        var fromPostgres = await Uncached(site.CreateClient()).GetAsync(ArticleUrl);
        var fromSqliteAgain = await Uncached(sqliteSite.CreateClient()).GetAsync(ArticleUrl);

        Assert.Equal(HttpStatusCode.OK, fromSqlite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromPostgres.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromSqliteAgain.StatusCode);
    }

    [ServicesFact]
    public async Task Searching_antibiotics_lands_first_on_the_antibiotics_cause()
    {
        var page = await SearchAsync("antibiotics");

        var first = page.QuerySelector(".search-places li")!;
        Assert.Equal("Antibiotics", first.QuerySelector("h3")!.TextContent);
        Assert.Equal("/articles/gut-immune-system-connection/causes-of-gut-imbalance#causes-of-gut-imbalance-antibiotics",
            first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Contains("antibiotic", first.QuerySelector("mark")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [ServicesFact]
    public async Task Judged_queries_over_the_seed_article_land_on_the_judged_place_first()
    {
        var score = await RelevanceJudgements.ScoreAsync(site.CreateClient());

        output.WriteLine(score.Report());
        Assert.True(score.MeanReciprocalRank >= RelevanceJudgements.MinimumMeanReciprocalRank, score.Report());
    }

    [ServicesFact]
    public async Task Search_corrects_a_misspelling_from_the_index_vocabulary_and_applies_the_synonym_list_as_on_sqlite()
    {
        var corrected = await SearchAsync("antibiotcs");
        Assert.Equal("/search?q=antibiotics", corrected.QuerySelector(".did-you-mean a")!.GetAttribute("href"));
        Assert.Equal("Antibiotics", corrected.QuerySelector(".search-places h3")!.TextContent);

        var synonyms = await SearchAsync("gut flora");
        Assert.Contains(synonyms.QuerySelectorAll(".search-results mark"), m => m.TextContent.Equals("microbiome", StringComparison.OrdinalIgnoreCase));
        Assert.Single(synonyms.QuerySelectorAll(".search-results > li"));
    }

    [ServicesFact]
    public async Task Search_is_stemmed_matches_the_last_word_as_a_prefix_and_requires_every_word()
    {
        Assert.Equal("Antibiotics", (await SearchAsync("antibiotic")).QuerySelector(".search-places h3")!.TextContent);
        Assert.Equal("Antibiotics", (await SearchAsync("antibio")).QuerySelector(".search-places h3")!.TextContent);
        Assert.NotNull((await SearchAsync("antibiotics zzqqxxword")).QuerySelector(".no-results"));
        Assert.NotNull((await SearchAsync("\" & | ! ( ) : * <-> '")).QuerySelector(".search-results, .no-results, main"));
    }

    [ServicesFact]
    public async Task Snippets_encode_the_text_and_highlight_only_the_hits()
    {
        await site.WithServiceAsync<GutImmuneDbContext, int>(async db =>
        {
            db.SearchEntries.Add(new SearchEntry
            {
                ArticleId = await db.Articles.Select(a => a.Id).FirstAsync(),
                Heading = "Markup in the text",
                Body = "Text where 5 < 6 & 7 > 2, with <script>alert(1)</script> around the word axolotlword, which is found.",
            });
            return await db.SaveChangesAsync();
        });

        var snippet = (await SearchAsync("axolotlword")).QuerySelector(".search-results li p:not(.meta)")!;

        // ts_headline drops what PostgreSQL's parser takes for tags; whatever text remains is encoded.
        Assert.Contains("5 &lt; 6 &amp; 7 &gt; 2", snippet.InnerHtml);
        Assert.DoesNotContain("<script", snippet.InnerHtml);
        Assert.Contains("<mark>axolotlword</mark>", snippet.InnerHtml);
        Assert.All(snippet.Children, child => Assert.Equal("MARK", child.TagName));
    }

    [ServicesFact]
    public async Task Timestamps_are_stored_as_utc_instants_whatever_kind_they_arrive_with()
    {
        var stored = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Unspecified);
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            var article = await db.Articles.SingleAsync(a => a.Slug == "gut-immune-system-connection");
            article.UpdatedAt = stored;
            article.PublishedAt = stored;
            await db.SaveChangesAsync();
        }

        var (read, published) = await site.WithServiceAsync<GutImmuneDbContext, (DateTime, DateTime?)>(async db =>
        {
            var row = await db.Articles.Where(a => a.Slug == "gut-immune-system-connection").Select(a => new { a.UpdatedAt, a.PublishedAt }).SingleAsync();
            return (row.UpdatedAt, row.PublishedAt);
        });
        var column = await site.WithServiceAsync<GutImmuneDbContext, string>(db => db.Database.SqlQuery<string>($"""
            SELECT data_type AS "Value" FROM information_schema.columns WHERE table_name = 'Articles' AND column_name = 'UpdatedAt'
            """).SingleAsync());

        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(stored.Ticks, read.Ticks);
        Assert.Equal(stored.Ticks, published!.Value.Ticks);
        Assert.Equal("timestamp with time zone", column);
    }

    [ServicesFact]
    public async Task A_nul_character_which_postgresql_text_cannot_hold_is_dropped_instead_of_failing_the_save()
    {
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            var topic = await db.Topics.FirstAsync();
            topic.Name = "Nul\0 test topic";
            await db.SaveChangesAsync();
        }

        var names = await site.WithServiceAsync<GutImmuneDbContext, List<string>>(db => db.Topics.Select(t => t.Name).ToListAsync());

        Assert.Contains("Nul test topic", names);
    }

    [ServicesFact]
    public async Task Backup_command_says_it_is_for_sqlite_and_points_to_pg_dump()
    {
        using var scope = site.Services.CreateScope();
        var output = new StringWriter();

        var exitCode = await DatabaseBackup.RunBackupCommandAsync(scope.ServiceProvider, ["backup", "--to", "copy.db"], output);

        Assert.Equal(2, exitCode);
        Assert.Contains("PostgreSQL", output.ToString());
        Assert.Contains("pg_dump", output.ToString());
        Assert.False(File.Exists("copy.db"));
    }
}

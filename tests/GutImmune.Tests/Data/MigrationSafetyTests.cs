using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GutImmune.Tests.Data;

/// <summary>
/// A database made by the previous migration set, holding content the way the site stored it then, is migrated to the
/// latest schema by a normal start of the site and keeps all of it: readers, search, sign-in, revisions and editing.
/// </summary>
public class MigrationSafetyTests
{
    /// <summary>The last migration before the current set (AddSearch and anything after it).</summary>
    private const string PreviousMigration = "EditorialWorkflow";

    private const string Article = "/articles/fermented-foods-and-the-gut";

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "editorial-workflow-content.sql");

    /// <summary>Migrates a new SQLite file up to <see cref="PreviousMigration"/> only, then fills it from the fixture.</summary>
    private static async Task CreatePreviousDatabaseAsync(string path, string password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite($"Data Source={path}").Options;
        await using (var db = new SqliteGutImmuneDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            Assert.EndsWith("_" + PreviousMigration, (await db.Database.GetAppliedMigrationsAsync()).Last());
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        }

        var hash = new PasswordHasher<EditorAccount>().HashPassword(null!, password);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (await File.ReadAllTextAsync(Fixture)).Replace("{PasswordHash}", hash);
        await command.ExecuteNonQueryAsync();
    }

    [SqliteFact]
    public async Task Content_of_a_database_made_by_the_previous_migrations_survives_migrating_to_the_latest()
    {
        using var factory = new GutImmuneFactory();
        var password = PasswordGenerator.Generate();
        await CreatePreviousDatabaseAsync(factory.DatabasePath, password);

        // The first request starts the site, which migrates the file and (its search index being empty) indexes it.
        var page = await StaffSession.ParseAsync(await factory.CreateClient().GetAsync(Article));

        Assert.Empty(await factory.WithServiceAsync<GutImmuneDbContext, IEnumerable<string>>(db => db.Database.GetPendingMigrationsAsync()));
        Assert.Equal("Fermented Foods and the Gut", page.QuerySelector("main h1")?.TextContent);
        Assert.Equal(["Overview", "Good to Know", "What Gets in the Way", "In Short"], page.QuerySelectorAll("section.section > h2").Select(h => h.TextContent));
        var facts = page.QuerySelectorAll("ul.facts > li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, facts.Count);
        Assert.StartsWith("Kefir holds dozens of microbial strains.", facts[0]);
        Assert.StartsWith("Sauerkraut must be unpasteurised to keep its cultures.", facts[1]);
        Assert.Equal(["Pasteurisation", "Added Sugar"], page.QuerySelectorAll(".cause > h3").Select(h => h.TextContent));
        Assert.Equal(2, page.QuerySelectorAll(".references li").Length);
        Assert.Contains("https://doi.org/10.1016/j.copbio.2016.11.010", page.QuerySelectorAll(".references a").Select(a => a.GetAttribute("href")));
        Assert.NotEmpty(page.QuerySelectorAll("sup.citation a[href='#ref-2']"));
        Assert.Contains("not", page.QuerySelector("aside.disclaimer em")?.TextContent);
        Assert.Equal(["Fermentation"], page.QuerySelectorAll(".topics a").Select(a => a.TextContent));
        Assert.Contains("Dr. Reviewer, MD", page.QuerySelector("main")!.TextContent);

        var browser = factory.CreateBrowserClient();
        var oldAddress = await browser.GetAsync("/articles/fermented-foods");
        Assert.Equal(HttpStatusCode.MovedPermanently, oldAddress.StatusCode);
        Assert.EndsWith(Article, oldAddress.Headers.Location!.ToString());
        Assert.Contains("Heat kills the cultures.", await browser.GetStringAsync(Article + "/what-gets-in-the-way"));
        Assert.Contains(Article, await browser.GetStringAsync("/topics/fermentation"));
        var search = await StaffSession.ParseAsync(await browser.GetAsync("/search?q=kefir"));
        Assert.Contains(search.QuerySelectorAll("main a"), a => a.GetAttribute("href") == Article + "/good-to-know");
        search = await StaffSession.ParseAsync(await browser.GetAsync("/search?q=pasteurisation"));
        Assert.Contains(search.QuerySelectorAll("main a"), a => a.GetAttribute("href")?.StartsWith(Article + "/what-gets-in-the-way") == true);

        // The old account signs in with its old password and finds the history; editing goes on from it.
        var admin = new StaffSession(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("old.admin@example.org", password)).StatusCode);
        Assert.Equal(2, (await admin.GetPageAsync("/admin/articles/1/revisions")).QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Kefir holds dozens", (await admin.GetPageAsync("/admin/articles/1/revisions/compare?from=1&to=2")).QuerySelector("main")!.TextContent);
        Assert.Contains("Fermented Foods and the Gut", (await admin.GetPageAsync("/admin/audit")).QuerySelector("main")!.TextContent);
        Assert.Contains("Sauerkraut must be unpasteurised", await admin.Client.GetStringAsync("/admin/articles/1/export"));

        var section = await admin.GetPageAsync("/admin/articles/1/sections/1");
        Assert.Equal("Fermented foods carry live cultures of *lactobacilli*.[1]", section.QuerySelector<IHtmlTextAreaElement>("textarea[name=Body]")!.Value);
        await admin.FollowAsync(await admin.SubmitAsync(section, "main form", new() { ["Body"] = "Miso and tempeh carry live cultures too.[1]" }));
        Assert.Equal(3, (await admin.GetPageAsync("/admin/articles/1/revisions")).QuerySelectorAll("tbody tr").Length);
        await admin.ReviewAndPublishAsync("/admin/articles/1");
        Assert.Contains(Article + "/overview", await browser.GetStringAsync("/search?q=tempeh"));
    }

    [SqliteFact]
    public async Task Revisions_stored_as_plain_json_before_RevisionStorage_stay_readable_and_restorable_and_get_compressed()
    {
        using var factory = new GutImmuneFactory();
        var password = PasswordGenerator.Generate();
        await CreatePreviousDatabaseAsync(factory.DatabasePath, password);
        var admin = new StaffSession(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("old.admin@example.org", password)).StatusCode);
        Task<List<ArticleRevision>> RevisionsAsync() => factory.WithServiceAsync<GutImmuneDbContext, List<ArticleRevision>>(db =>
            db.Revisions.AsNoTracking().OrderBy(r => r.Version).ToListAsync());

        var migrated = await RevisionsAsync();
        Assert.All(migrated, r => Assert.Null(r.CompressedSnapshot));
        Assert.Equal([ArticleStatus.Draft, ArticleStatus.Published], migrated.Select(r => r.Status));
        Assert.Contains("Sauerkraut must be unpasteurised", migrated[1].ReadSnapshot());

        Assert.NotNull((await admin.GetPageAsync("/admin/articles/1/revisions")).QuerySelector("a[href$='/revisions/1/restore']"));
        await admin.FollowAsync(await admin.SubmitAsync("/admin/articles/1/revisions/1/restore", "form.confirm-form", []));

        Assert.Contains("\"slug\": \"fermented-foods\",", await admin.Client.GetStringAsync("/admin/articles/1/export"));
        var saved = await RevisionsAsync();
        Assert.Equal([1, 2, 3], saved.Select(r => r.Version));
        Assert.All(saved, r => Assert.Null(r.UncompressedSnapshot));
        Assert.Equal(migrated.Select(r => r.ReadSnapshot()), saved.Take(2).Select(r => r.ReadSnapshot()));
        var diff = await admin.GetPageAsync("/admin/articles/1/revisions/compare?from=2&to=3");
        Assert.Contains(diff.QuerySelectorAll(".diff del"), removed => removed.TextContent.Contains("Kefir holds dozens"));
    }
}

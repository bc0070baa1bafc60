using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace GutImmune.Tests.Admin;

/// <summary>
/// A site whose log the test reads, with one test-only route whose save fails for a reason no one handles; on SQLite, or
/// (<see cref="OnPostgres"/>) on the test PostgreSQL server.
/// </summary>
public class LoggedSite : GutImmuneFactory
{
    public const string UnhandledFailure = "/test-only/unhandled-save-failure";

    private PostgresDatabase? _postgres;

    public List<LogEvent> Log { get; } = [];

    protected virtual bool OnPostgres => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(new ListSink(Log));
            services.AddSingleton<IStartupFilter, FailingSaveRoute>();
        });
        if (!OnPostgres || TestServices.Postgres is null)
            return;
        _postgres ??= new PostgresDatabase();
        foreach (var (key, value) in _postgres.SiteSettings)
            builder.UseSetting(key, value);
    }

    /// <summary>Two topics with one slug in one save: a unique violation no code path expects.</summary>
    private sealed class FailingSaveRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(UnhandledFailure, failing => failing.Run(async context =>
            {
                var db = context.RequestServices.GetRequiredService<GutImmuneDbContext>();
                db.Topics.AddRange(new Topic { Slug = "twice", Name = "Twice" }, new Topic { Slug = "twice", Name = "Twice again" });
                await db.SaveChangesAsync();
            }));
        };
    }

    public List<LogEvent> Errors()
    {
        lock (Log)
            return Log.Where(e => e.Level >= LogEventLevel.Error).ToList();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _postgres?.Dispose();
        _postgres = null;
    }
}

public sealed class PostgresLoggedSite : LoggedSite
{
    protected override bool OnPostgres => true;
}

/// <summary>
/// Two requests that create the same thing at the same moment (a double click, two editors): one is saved, the other
/// gets the answer a request a moment later gets, never a 500, and nothing of it is logged as an error.
/// </summary>
public abstract class SimultaneousCreateContract(LoggedSite site)
{
    private const int Rounds = 4;

    private static Dictionary<string, string> ArticleFields(string slug, string title, string topics = "") => new()
    {
        ["Title"] = title,
        ["Slug"] = slug,
        ["Summary"] = "A summary typed in a test.",
        ["AuthorName"] = "Test Author",
        ["Topics"] = topics,
    };

    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    protected async Task Two_editors_creating_one_slug_at_once_get_one_article_and_the_slug_message()
    {
        var errorsBefore = site.Errors().Count;
        StaffSession[] editors = [await StaffSession.SignInAsync(site, Roles.Editor), await StaffSession.SignInAsync(site, Roles.Editor)];
        for (var round = 0; round < Rounds; round++)
        {
            var slug = NewSlug("simultaneous");
            var forms = await Task.WhenAll(editors.Select(e => e.GetPageAsync("/admin/articles/new")));

            var responses = await Task.WhenAll(editors.Select((e, i) => e.SubmitAsync(forms[i], "main form", ArticleFields(slug, $"Typed by editor {i}"))));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var loser = Array.FindIndex(responses, r => r.StatusCode != HttpStatusCode.Redirect);
            Assert.Equal(HttpStatusCode.BadRequest, responses[loser].StatusCode);
            var page = await StaffSession.ParseAsync(responses[loser]);
            Assert.Contains($"\"{slug}\" is already used by another article.", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
            Assert.Equal($"Typed by editor {loser}", page.QuerySelector<IHtmlInputElement>("input[name=Title]")!.Value);
            Assert.Equal(1, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.CountAsync(a => a.Slug == slug)));
        }
        Assert.Empty(site.Errors().Skip(errorsBefore));
    }

    protected async Task Two_articles_renamed_to_one_slug_at_once_get_one_rename_and_the_slug_message()
    {
        var errorsBefore = site.Errors().Count;
        StaffSession[] editors = [await StaffSession.SignInAsync(site, Roles.Editor), await StaffSession.SignInAsync(site, Roles.Editor)];
        for (var round = 0; round < Rounds; round++)
        {
            var adminUrls = new List<string>();
            for (var i = 0; i < editors.Length; i++)
            {
                var created = await editors[i].SubmitAsync("/admin/articles/new", "main form", ArticleFields(NewSlug("renamed"), $"Typed by editor {i}"));
                await StaffSession.AssertRedirectedAsync(created);
                adminUrls.Add(created.Headers.Location!.OriginalString);
            }
            var slug = NewSlug("renamed-to");
            var forms = await Task.WhenAll(editors.Select((e, i) => e.GetPageAsync(adminUrls[i])));

            var responses = await Task.WhenAll(editors.Select((e, i) =>
                e.SubmitAsync(forms[i], $"form[action='{adminUrls[i]}']", new() { ["Slug"] = slug })));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var refused = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await StaffSession.ParseAsync(refused);
            Assert.Contains($"\"{slug}\" is already used by another article.", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
            Assert.Equal(slug, page.QuerySelector<IHtmlInputElement>("#Slug")!.Value);
            Assert.Equal(1, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.CountAsync(a => a.Slug == slug)));
        }
        Assert.Empty(site.Errors().Skip(errorsBefore));
    }

    protected async Task Two_articles_naming_one_new_topic_at_once_are_both_saved_under_one_topic()
    {
        var errorsBefore = site.Errors().Count;
        StaffSession[] editors = [await StaffSession.SignInAsync(site, Roles.Editor), await StaffSession.SignInAsync(site, Roles.Editor)];
        for (var round = 0; round < Rounds; round++)
        {
            var topic = "Topic " + Guid.NewGuid().ToString("N")[..8];
            var forms = await Task.WhenAll(editors.Select(e => e.GetPageAsync("/admin/articles/new")));

            var responses = await Task.WhenAll(editors.Select((e, i) =>
                e.SubmitAsync(forms[i], "main form", ArticleFields(NewSlug("topic-race"), $"Typed by editor {i}", topic))));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.Equal(2, await site.WithServiceAsync<GutImmuneDbContext, int>(db =>
                db.Topics.Where(t => t.Name == topic).SelectMany(t => t.Articles).CountAsync()));
        }
        Assert.Empty(site.Errors().Skip(errorsBefore));
    }

    protected async Task Two_imports_of_one_new_slug_at_once_create_the_article_and_update_it()
    {
        var errorsBefore = site.Errors().Count;
        StaffSession[] editors = [await StaffSession.SignInAsync(site, Roles.Editor), await StaffSession.SignInAsync(site, Roles.Editor)];
        var (_, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var seed = await (await editors[0].Client.GetAsync(adminUrl + "/export")).Content.ReadAsStringAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var slug = NewSlug("imported");
            var file = seed.Replace("\"gut-immune-system-connection\"", $"\"{slug}\"");

            var responses = await Task.WhenAll(editors[0].ImportAsync("first.json", file),
                editors[1].ImportAsync("second.json", file.Replace("The Gut-Immune System Connection", "The Gut-Immune System Connection, second file")));

            // As when the second file comes a moment later: it updates the article the first one created.
            var flashes = new List<string>();
            for (var i = 0; i < editors.Length; i++)
                flashes.Add((await editors[i].FollowAsync(responses[i])).QuerySelector(".flash")!.TextContent);
            Assert.Single(flashes, f => f.EndsWith("as a new article."));
            Assert.Single(flashes, f => f.StartsWith("Updated"));
            Assert.Equal(1, await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Articles.CountAsync(a => a.Slug == slug)));
        }
        Assert.Empty(site.Errors().Skip(errorsBefore));
    }

    protected async Task Adding_one_user_twice_at_once_creates_one_account_and_shows_the_duplicate_message()
    {
        var errorsBefore = site.Errors().Count;
        var admin = await StaffSession.SignInAsync(site, Roles.Admin);
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"race{round}-{Guid.NewGuid():N}@example.org";
            Dictionary<string, string> fields = new() { ["Email"] = email, ["DisplayName"] = "Race Reviewer", ["Roles"] = Roles.Reviewer };
            var forms = await Task.WhenAll(admin.GetPageAsync("/admin/users/new"), admin.GetPageAsync("/admin/users/new"));

            var pages = await Task.WhenAll(forms.Select(async form =>
            {
                var response = await admin.SubmitAsync(form, "main form", fields);
                return (response.StatusCode, Page: await StaffSession.ParseAsync(response));
            }));

            Assert.Single(pages, p => p.StatusCode == HttpStatusCode.OK && p.Page.QuerySelector(".secret code") is not null);
            var refused = Assert.Single(pages, p => p.StatusCode == HttpStatusCode.BadRequest && p.Page.QuerySelector(".secret code") is null).Page;
            var later = await StaffSession.ParseAsync(await admin.SubmitAsync("/admin/users/new", "main form", fields));
            // The loser gets the sequential duplicate's messages (the email's at least: the winner may have been saved
            // between its user name check and its email check).
            static string Errors(IHtmlDocument page) => string.Join(" ", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
            Assert.Contains($"Email '{email}' is already taken.", Errors(refused));
            Assert.Contains(Errors(refused), Errors(later));
        }
        Assert.Empty(site.Errors().Skip(errorsBefore));
    }

    protected async Task A_save_failing_for_an_unexpected_reason_is_a_500_logged_once_as_an_error_with_its_stack()
    {
        var errorsBefore = site.Errors().Count;

        var response = await site.CreateClient().GetAsync(LoggedSite.UnhandledFailure);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var logged = Assert.Single(site.Errors().Skip(errorsBefore), e => e.Exception is not null);
        Assert.IsType<DbUpdateException>(logged.Exception);
        Assert.Contains(" at ", logged.Exception!.StackTrace);
    }
}

public class SimultaneousCreateTests(LoggedSite site) : SimultaneousCreateContract(site), IClassFixture<LoggedSite>
{
    [Fact] public Task Same_slug_from_two_editors() => Two_editors_creating_one_slug_at_once_get_one_article_and_the_slug_message();
    [Fact] public Task Same_new_slug_for_two_articles() => Two_articles_renamed_to_one_slug_at_once_get_one_rename_and_the_slug_message();
    [Fact] public Task Same_new_topic_from_two_editors() => Two_articles_naming_one_new_topic_at_once_are_both_saved_under_one_topic();
    [Fact] public Task Same_new_slug_from_two_imports() => Two_imports_of_one_new_slug_at_once_create_the_article_and_update_it();
    [Fact] public Task Same_user_added_twice() => Adding_one_user_twice_at_once_creates_one_account_and_shows_the_duplicate_message();
    [Fact] public Task Unexpected_save_failure() => A_save_failing_for_an_unexpected_reason_is_a_500_logged_once_as_an_error_with_its_stack();
}

public class PostgresSimultaneousCreateTests(PostgresLoggedSite site) : SimultaneousCreateContract(site), IClassFixture<PostgresLoggedSite>
{
    [ServicesFact] public Task Postgres_same_slug_from_two_editors() => Two_editors_creating_one_slug_at_once_get_one_article_and_the_slug_message();
    [ServicesFact] public Task Postgres_same_new_slug_for_two_articles() => Two_articles_renamed_to_one_slug_at_once_get_one_rename_and_the_slug_message();
    [ServicesFact] public Task Postgres_same_new_topic_from_two_editors() => Two_articles_naming_one_new_topic_at_once_are_both_saved_under_one_topic();
    [ServicesFact] public Task Postgres_same_new_slug_from_two_imports() => Two_imports_of_one_new_slug_at_once_create_the_article_and_update_it();
    [ServicesFact] public Task Postgres_same_user_added_twice() => Adding_one_user_twice_at_once_creates_one_account_and_shows_the_duplicate_message();
    [ServicesFact] public Task Postgres_unexpected_save_failure() => A_save_failing_for_an_unexpected_reason_is_a_500_logged_once_as_an_error_with_its_stack();
}

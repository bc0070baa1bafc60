using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Admin;

/// <summary>
/// The articles list (search by title or slug, filter by state) and the audit log (by action, person, text and days),
/// both paginated through the query string, so a filtered page can be bookmarked and its page links keep the filter.
/// </summary>
public class ListFilterTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task CreateArticlesAsync(params (string Title, string Slug, ArticleStatus Status)[] articles)
    {
        foreach (var (title, slug, status) in articles)
        {
            var outcome = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
            {
                Title = title, Slug = slug, Summary = "A synthetic article made by a list test.", AuthorName = "Test Author", Status = status,
                PublishedAt = status == ArticleStatus.Published ? DateTime.UtcNow.AddDays(-1) : null,
            }, "Created by a list test", default));
            Assert.IsType<EditOutcome.Saved>(outcome);
        }
    }

    private Task AddAuditEntriesAsync(params AuditEntry[] entries) => factory.WithServiceAsync<GutImmuneDbContext, int>(db =>
    {
        db.AuditEntries.AddRange(entries);
        return db.SaveChangesAsync();
    });

    private static AuditEntry Entry(string target, string action = AuditLog.Actions.Deleted, string actor = "someone@example.org",
        DateTime? at = null, string? details = null) =>
        new() { At = at ?? new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), Actor = actor, Action = action, Target = target, Details = details };

    private static List<string> Column(IHtmlDocument page, int column) =>
        page.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td")[column].TextContent.Trim()).ToList();

    private static string? PageLink(IHtmlDocument page, string rel) => page.QuerySelector($"nav.pager a[rel={rel}]")?.GetAttribute("href");

    [Fact]
    public async Task Articles_list_finds_text_in_titles_in_any_case_and_in_slugs()
    {
        await CreateArticlesAsync(("Searchable Apples Article", "searchable-one", ArticleStatus.Draft),
            ("Searchable Second", "searchable-bananas", ArticleStatus.Draft), ("Unrelated", "unrelated-list-test", ArticleStatus.Draft));
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        Assert.Equal(["Searchable Apples Article"], Column(await editor.GetPageAsync("/admin/articles?q=APPLES"), 0));
        Assert.Equal(["Searchable Second"], Column(await editor.GetPageAsync("/admin/articles?q=bananas"), 0));
        Assert.Equal(2, Column(await editor.GetPageAsync("/admin/articles?q=searchable"), 0).Count);
        var none = await editor.GetPageAsync("/admin/articles?q=nothing-has-this");
        Assert.Empty(none.QuerySelectorAll("tbody tr"));
        Assert.Contains("No articles match.", none.QuerySelector("main")!.TextContent);
        Assert.Equal("nothing-has-this", none.QuerySelector<IHtmlInputElement>("input[name=q]")!.Value);
    }

    [Fact]
    public async Task A_page_past_the_last_says_so_instead_of_calling_the_list_empty()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var audit = (await admin.GetPageAsync("/admin/audit?page=999")).QuerySelector("main")!.TextContent;
        var articles = (await admin.GetPageAsync("/admin/articles?page=999")).QuerySelector("main")!.TextContent;

        Assert.Contains("There are no entries this far back.", audit);
        Assert.DoesNotContain("The log is empty", audit);
        Assert.Contains("There are fewer articles than this page would show.", articles);
        Assert.DoesNotContain("There are no articles yet", articles);
    }

    [Fact]
    public async Task Articles_list_filters_by_state()
    {
        await CreateArticlesAsync(("Stately Draft", "stately-draft", ArticleStatus.Draft), ("Stately Review", "stately-review", ArticleStatus.InReview));
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        Assert.Equal(["Stately Review"], Column(await editor.GetPageAsync("/admin/articles?q=stately&status=inreview"), 0));
        Assert.Equal(["Stately Draft"], Column(await editor.GetPageAsync("/admin/articles?q=stately&status=Draft"), 0));
        var published = Column(await editor.GetPageAsync("/admin/articles?status=published"), 0);
        Assert.Contains("The Gut-Immune System Connection", published);
        Assert.DoesNotContain("Stately Draft", published);
        var page = await editor.GetPageAsync("/admin/articles?status=inreview");
        Assert.True(page.QuerySelector<IHtmlOptionElement>("select[name=status] option[value=inreview]")!.IsSelected);
    }

    [Fact]
    public async Task Articles_list_pages_keep_the_search()
    {
        await CreateArticlesAsync([.. Enumerable.Range(1, EditorialQueries.PageSize + 5)
            .Select(n => ($"Paged article {n:00}", $"paged-article-{n:00}", ArticleStatus.Draft))]);
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var first = await editor.GetPageAsync("/admin/articles?q=paged+article");
        Assert.Equal(EditorialQueries.PageSize, first.QuerySelectorAll("tbody tr").Length);
        Assert.Null(PageLink(first, "prev"));
        var next = PageLink(first, "next")!;
        Assert.Contains("q=paged%20article", next.Replace("+", "%20"));

        var second = await editor.GetPageAsync(next);
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        Assert.All(Column(second, 0), title => Assert.StartsWith("Paged article", title));
        Assert.Null(PageLink(second, "next"));
        Assert.Contains("q=paged", PageLink(second, "prev"));
    }

    [Theory]
    [InlineData("status=deleted", "no state “deleted”")]
    [InlineData("status=1", "no state “1”")]
    [InlineData("page=abc", "not a page number")]
    [InlineData("page=-3", "not a page number")]
    [InlineData("page=99999999999999", "not a page number")]
    public async Task Articles_list_ignores_what_it_cannot_use_and_says_so(string query, string message)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var page = await editor.GetPageAsync("/admin/articles?" + query);

        Assert.Contains(message, page.QuerySelector(".input-notice")!.TextContent);
        Assert.Contains("The Gut-Immune System Connection", Column(page, 0));
    }

    [Fact]
    public async Task Articles_list_cuts_an_overlong_search()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);

        var page = await editor.GetPageAsync("/admin/articles?q=" + new string('x', 5000));

        Assert.Contains("was cut", page.QuerySelector(".input-notice")!.TextContent);
        Assert.Equal(100, page.QuerySelector<IHtmlInputElement>("input[name=q]")!.Value.Length);
    }

    [Fact]
    public async Task Audit_log_filters_by_action()
    {
        await AddAuditEntriesAsync(Entry("act-filter one", AuditLog.Actions.Deleted), Entry("act-filter two", AuditLog.Actions.Published));
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var page = await admin.GetPageAsync("/admin/audit?what=deleted&text=act-filter");

        Assert.Equal(["act-filter one"], Column(page, 3));
        Assert.True(page.QuerySelector<IHtmlOptionElement>("select[name=what] option[value=deleted]")!.IsSelected);
    }

    [Fact]
    public async Task Audit_log_filters_by_person_in_any_case()
    {
        await AddAuditEntriesAsync(Entry("person-filter", actor: "Careful.Editor@example.org"), Entry("person-filter", actor: "other@example.org"));
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var page = await admin.GetPageAsync("/admin/audit?who=careful.editor&text=person-filter");

        Assert.Equal(["Careful.Editor@example.org"], Column(page, 1));
    }

    [Fact]
    public async Task Audit_log_finds_text_in_targets_and_details()
    {
        await AddAuditEntriesAsync(Entry("article “Fermented Text Filter”"), Entry("section of another", details: "mentions Fermented Text Filter"),
            Entry("neither"));
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var page = await admin.GetPageAsync("/admin/audit?text=fermented+text+FILTER");

        Assert.Equal(["section of another", "article “Fermented Text Filter”"], Column(page, 3));
    }

    [Fact]
    public async Task Audit_log_filters_by_days_including_the_last()
    {
        await AddAuditEntriesAsync(
            Entry("date-filter before", at: new DateTime(2021, 3, 1, 23, 59, 59, DateTimeKind.Utc)),
            Entry("date-filter first day", at: new DateTime(2021, 3, 2, 0, 0, 0, DateTimeKind.Utc)),
            Entry("date-filter last day", at: new DateTime(2021, 3, 3, 23, 59, 59, DateTimeKind.Utc)),
            Entry("date-filter after", at: new DateTime(2021, 3, 4, 0, 0, 0, DateTimeKind.Utc)));
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        Assert.Equal(["date-filter last day", "date-filter first day"],
            Column(await admin.GetPageAsync("/admin/audit?text=date-filter&from=2021-03-02&to=2021-03-03"), 3));
        Assert.Equal(["date-filter after", "date-filter last day", "date-filter first day"],
            Column(await admin.GetPageAsync("/admin/audit?text=date-filter&from=2021-03-02"), 3));
        Assert.Equal(["date-filter first day", "date-filter before"],
            Column(await admin.GetPageAsync("/admin/audit?text=date-filter&to=2021-03-02"), 3));
    }

    [Fact]
    public async Task Audit_log_pages_fifty_entries_and_its_page_links_keep_the_filter()
    {
        await AddAuditEntriesAsync([.. Enumerable.Range(1, 2 * AuditLog.PageSize + 7).Select(n => Entry($"paging-filter {n:000}"))]);
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var first = await admin.GetPageAsync("/admin/audit?text=paging-filter&what=deleted");
        Assert.Equal(AuditLog.PageSize, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("paging-filter 107", Column(first, 3)[0]);
        Assert.Null(PageLink(first, "prev"));

        var second = await admin.GetPageAsync(PageLink(first, "next")!);
        Assert.Equal("paging-filter 057", Column(second, 3)[0]);
        var third = await admin.GetPageAsync(PageLink(second, "next")!);
        Assert.Equal(7, third.QuerySelectorAll("tbody tr").Length);
        Assert.All(Column(third, 3), target => Assert.StartsWith("paging-filter", target));
        Assert.Null(PageLink(third, "next"));
        Assert.Contains("what=deleted", PageLink(third, "prev"));
        Assert.Contains("text=paging-filter", PageLink(third, "prev"));
    }

    [Theory]
    [InlineData("what=no-such-action", "no action “no-such-action”")]
    [InlineData("from=2021-13-45", "is not a date")]
    [InlineData("to=yesterday", "is not a date")]
    [InlineData("from=2021-03-05&to=2021-03-01", "start date is after the end date")]
    [InlineData("page=%00", "not a page number")]
    [InlineData("to=9999-12-31&page=1000000", "")]
    public async Task Audit_log_ignores_what_it_cannot_use_and_says_so(string query, string message)
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin);

        var response = await admin.Client.GetAsync("/admin/audit?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        if (message.Length > 0)
            Assert.Contains(message, page.QuerySelector(".input-notice")!.TextContent);
    }
}

using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Performance;

/// <summary>An article page costs the same number of SQL commands however many facts, causes and references it has (no N+1).</summary>
public class QueryCountTests(SqlCommandRecorder.Site factory) : IClassFixture<SqlCommandRecorder.Site>
{
    private async Task CreateLargeSyntheticArticleAsync()
    {
        using var scope = factory.Services.CreateScope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var citations = Enumerable.Range(1, 40).Select(n => new Citation { Number = n, Authors = new([$"Synthetic A{n}."], false), Title = $"Synthetic work {n}", Year = 2020 }).ToList();
        var article = new Article
        {
            Slug = "synthetic-large", Title = "Synthetic large article", Summary = "Synthetic test data.", AuthorName = "Test",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            Citations = citations,
            // Topics like the seed's, so both pages also look up related articles.
            Topics = [new Topic { Name = "Gut health", Slug = "gut-health" }],
            Sections =
            [
                new Section { Slug = "facts", Heading = "Facts", Kind = SectionKind.FactList,
                    Facts = Enumerable.Range(1, 30).Select(n => new Fact { Text = $"Synthetic fact {n}.[{n}]" }).ToList() },
                new Section { Slug = "causes", Heading = "Causes", Kind = SectionKind.CauseList,
                    Causes = Enumerable.Range(1, 20).Select(n => new Cause { Title = $"Cause {n}", Description = $"Synthetic cause {n}.[{n + 20}]" }).ToList() },
                new Section { Slug = "summary", Heading = "Summary", Kind = SectionKind.Summary, Body = "Synthetic summary.[1-3]" },
            ],
        };
        Assert.IsType<EditOutcome.Saved>(await editor.CreateAsync(article, "Synthetic", default));
    }

    [Fact]
    public async Task Article_page_runs_the_same_number_of_queries_whatever_its_size()
    {
        await CreateLargeSyntheticArticleAsync();
        // Signed in, so the output cache is not used and every request reaches the database.
        var session = await StaffSession.SignInAsync(factory, Roles.Editor);
        await session.GetPageAsync("/articles/gut-immune-system-connection");
        await session.GetPageAsync("/articles/synthetic-large");

        int CountFor(string url)
        {
            using var recorder = new SqlCommandRecorder(factory.DatabaseName);
            session.GetPageAsync(url).GetAwaiter().GetResult();
            return recorder.Commands.Count;
        }
        var small = CountFor("/articles/gut-immune-system-connection");
        var large = CountFor("/articles/synthetic-large");
        var section = CountFor("/articles/synthetic-large/facts");

        // Identity checks the session (security stamp) on each request; the rest is the page's own queries.
        Assert.InRange(small, 1, 15);
        Assert.Equal(small, large);
        Assert.InRange(section, 1, small);
    }

    [Fact]
    public async Task Uncached_article_page_runs_no_query_once_its_edition_and_surroundings_are_kept()
    {
        var client = factory.CreateUncachedClient();
        const string Page = "/articles/gut-immune-system-connection";
        for (var reading = 0; reading < 2; reading++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);

        using var recorder = new SqlCommandRecorder(factory.DatabaseName);
        var page = await client.GetStringAsync(Page);

        // The edition at its slug was kept in the output cache's store from its second reading (EditionAtSlugCacheTests:
        // evicted with the article's pages), its rendered page and topics in memory (they change only with a new edition,
        // which is a new key), its related articles and credits in the store (ArticleSurroundingsCacheTests).
        Assert.Contains("The Gut-Immune System Connection", page);
        Assert.True(recorder.Commands.Count == 0, string.Join("\n\n", recorder.Commands.Select(c => c.Text)));
    }

    [Fact]
    public async Task Article_page_read_the_first_time_reads_its_edition_and_its_stored_page_in_one_command()
    {
        await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
        {
            Slug = "read-the-first-time", Title = "Read the first time", Summary = "Synthetic test data.", AuthorName = "Test",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Synthetic text read once." }],
        }, "Made by a test", default));

        using var recorder = new SqlCommandRecorder(factory.DatabaseName);
        var page = await factory.CreateUncachedClient().GetStringAsync("/articles/read-the-first-time");

        Assert.Contains("Synthetic text read once.", page);
        var pageReads = recorder.Commands.Where(c => c.Text.Contains("RenderedPage")).ToList();
        Assert.True(pageReads.Count == 1, string.Join("\n\n", pageReads.Select(c => c.Text)));
        Assert.Contains("\"Slug\"", pageReads[0].Text);
    }

    [Fact]
    public async Task A_published_change_of_topics_shows_at_once_on_the_uncached_article_page()
    {
        var client = factory.CreateUncachedClient();
        var saved = await factory.WithServiceAsync<ArticleEditor, EditOutcome.Saved>(async editor => Assert.IsType<EditOutcome.Saved>(await editor.CreateAsync(new Article
        {
            Slug = "topics-kept-in-memory", Title = "Topics kept in memory", Summary = "Synthetic test data.", AuthorName = "Test",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            Topics = [new Topic { Name = "Topic before", Slug = "topic-before" }],
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Synthetic text." }],
        }, "Made by a test", default)));
        Assert.Contains("topic-before", await client.GetStringAsync("/articles/topics-kept-in-memory"));

        await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.PublishAsync(saved.ArticleId, saved.Version, () => "New topic", article =>
        {
            article.Topics = [new Topic { Name = "Topic after", Slug = "topic-after" }];
            return null;
        }, null, default));

        var page = await client.GetStringAsync("/articles/topics-kept-in-memory");
        Assert.Contains("topic-after", page);
        Assert.DoesNotContain("topic-before", page);
    }
}

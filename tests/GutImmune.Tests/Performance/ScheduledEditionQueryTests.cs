using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Performance;

/// <summary>
/// A page the output cache misses does not ask the database whether an article is scheduled: the process knows the next
/// scheduled time and reads it again at most once an interval (<see cref="GutImmune.Web.Reading.NextScheduledEdition"/>).
/// </summary>
public class ScheduledEditionQueryTests(ScheduledEditionQueryTests.ClockedSite site) : IClassFixture<ScheduledEditionQueryTests.ClockedSite>
{
    public sealed class ClockedSite : SqlCommandRecorder.Site
    {
        public ClockedSite() => UseFakeClock = true;
    }

    private Task PublishAsync(string slug, string topic) => site.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
    {
        Slug = slug, Title = $"Synthetic {slug}", Summary = "Synthetic test data.", AuthorName = "Test",
        Status = ArticleStatus.Published, PublishedAt = site.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1),
        Topics = [new Topic { Name = topic, Slug = topic }],
        Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Synthetic text." }],
    }, "Made by a test", default));

    [Fact]
    public async Task Pages_built_anew_ask_for_the_next_scheduled_article_once_an_interval()
    {
        await PublishAsync("scheduled-query-a", "scheduled-query-topic");
        await PublishAsync("scheduled-query-b", "scheduled-query-topic");
        await PublishAsync("scheduled-query-c", "scheduled-query-other-topic");
        var client = site.CreateUncachedClient();
        int ScheduledQueriesOf(string url)
        {
            using var recorder = new SqlCommandRecorder(site.DatabaseName);
            Assert.Contains("Synthetic scheduled-query", client.GetStringAsync(url).GetAwaiter().GetResult());
            return recorder.Commands.Count(c => c.Text.Contains("MIN("));
        }

        Assert.Equal(1, ScheduledQueriesOf("/articles/scheduled-query-a"));
        // Another article with the same topics: its related articles come from the candidates kept for them.
        Assert.Equal(0, ScheduledQueriesOf("/articles/scheduled-query-b"));

        site.Clock.Advance(ScheduledPublicationEviction.Interval);
        // Other topics: their candidates are read, and the next scheduled time with them, known again once an interval.
        Assert.Equal(1, ScheduledQueriesOf("/articles/scheduled-query-c"));
    }
}

using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Reading;

/// <summary>Synthetic articles saved through the site's one write path (ArticleEditor: index, revision, cache eviction).</summary>
public static class SyntheticArticles
{
    /// <summary>
    /// Saves an article titled <paramref name="title"/> under <paramref name="slug"/>, filed under
    /// <paramref name="topicSlugs"/> (topics are created as needed), with one section whose text is <paramref name="body"/>.
    /// </summary>
    public static async Task<int> CreateAsync(GutImmuneFactory site, string slug, string title, ArticleStatus status, DateTime? publishedAt,
        string[] topicSlugs, string body = "Synthetic text.")
    {
        using var scope = site.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().CreateAsync(new Article
        {
            Slug = slug, Title = title, Summary = "A synthetic article made by a test.", AuthorName = "Test",
            Status = status, PublishedAt = publishedAt,
            Topics = topicSlugs.Select(t => new Topic { Slug = t, Name = t }).ToList(),
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = body }],
        }, "Made by a test", default);
        return Assert.IsType<EditOutcome.Saved>(outcome).ArticleId;
    }
}

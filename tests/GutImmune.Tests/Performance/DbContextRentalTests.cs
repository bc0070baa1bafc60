using System.Collections.Concurrent;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Performance;

/// <summary>Which requests take a DbContext from the pool: renting one and resetting it at the request's end is a share of a request that runs no query.</summary>
public class DbContextRentalTests(DbContextRentalTests.Site factory) : IClassFixture<DbContextRentalTests.Site>
{
    [Fact]
    public async Task Uncached_article_page_whose_parts_are_all_kept_takes_no_DbContext_and_a_miss_takes_one()
    {
        const string Path = "/articles/kept-without-a-context";
        await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
        {
            Slug = "kept-without-a-context", Title = "Kept without a context", Summary = "Synthetic test data.", AuthorName = "Test",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            Topics = [new Topic { Name = "Gut health", Slug = "gut-health" }],
            Sections = [new Section { Slug = "text", Heading = "Text", Kind = SectionKind.Prose, Body = "Synthetic text kept." }],
        }, "Made by a test", default));
        var client = factory.CreateUncachedClient();

        // The first reading misses every cache: it reads the edition, its topics and its surroundings.
        Assert.Contains("Synthetic text kept.", await client.GetStringAsync(Path));
        Assert.Contains(Path, factory.RentedBy);

        // Its edition at the slug is kept from its second reading (QueryCountTests: no query after two readings).
        await client.GetStringAsync(Path);
        factory.RentedBy.Clear();
        Assert.Contains("Synthetic text kept.", await client.GetStringAsync(Path));
        Assert.DoesNotContain(Path, factory.RentedBy);
    }

    /// <summary>
    /// A site that records the path of every request that takes the scoped DbContext (background services, which serve no
    /// request, are not recorded): the site's own registration, with a note taken before each rental.
    /// </summary>
    public class Site : GutImmuneFactory
    {
        public ConcurrentBag<string> RentedBy { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var pooled = services.Last(d => d.ServiceType == typeof(GutImmuneDbContext));
                services.AddScoped(provider =>
                {
                    if (provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } request)
                        RentedBy.Add(request.Request.Path);
                    return (GutImmuneDbContext)pooled.ImplementationFactory!(provider);
                });
            });
        }
    }
}

using System.Diagnostics;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GutImmune.Tests.Performance;

/// <summary>
/// What building the seed article's page costs when it is not in the output cache: from its reader edition (rendered at
/// publish time) against rendering the article's rows on every request, as every page did before reader editions (the
/// preview still does). Prints figures, asserts none: timings on a shared machine are not a test.
/// </summary>
public class ReaderEditionCostTests(GutImmuneFactory factory, ITestOutputHelper output) : IClassFixture<GutImmuneFactory>
{
    private const int Rounds = 200;

    [Fact]
    public async Task Uncached_article_page_from_the_edition_costs_less_than_rendering_the_rows()
    {
        using var scope = factory.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<ArticleReader>();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
        var id = await db.Articles.Where(a => a.Slug == "gut-immune-system-connection").Select(a => a.Id).SingleAsync();

        var fromEdition = await TimeAsync(() => reader.GetArticlePageAsync("gut-immune-system-connection", default));
        var fromRows = await TimeAsync(() => reader.GetPreviewAsync(id, default));
        Assert.Equal((await reader.GetPreviewAsync(id, default))!.Sections.Count, (await reader.GetArticlePageAsync("gut-immune-system-connection", default))!.Sections.Count);

        var edition = await db.ReaderEditions.AsNoTracking().SingleAsync(e => e.ArticleId == id);
        var json = RenderedArticle.ToJson(edition.ReadPage());
        var unpack = Measure(() => edition.ReadPage());
        var parse = Measure(() => RenderedArticle.FromJson(json));

        output.WriteLine($"Seed article page model, {Rounds} rounds each, one thread (wall clock / process CPU):");
        output.WriteLine($"  from its reader edition (2 reads + unpacking): {fromEdition}");
        output.WriteLine($"  rendering its rows (6 reads + Markdown):        {fromRows}");
        output.WriteLine($"  unpacking the edition (Brotli + JSON):         {unpack}");
        output.WriteLine($"  of which JSON alone:                           {parse}");
        output.WriteLine($"  rendered parts stored: {edition.RenderedPage.Length:N0} bytes (Brotli) for {System.Text.Encoding.UTF8.GetByteCount(json):N0} bytes of JSON;"
            + $" snapshot {edition.Snapshot.Length:N0} bytes");
    }

    private sealed record Cost(TimeSpan Wall, TimeSpan Cpu)
    {
        public override string ToString() => $"{Wall.TotalMicroseconds / Rounds:F0} µs / {Cpu.TotalMicroseconds / Rounds:F0} µs a page";
    }

    private static async Task<Cost> TimeAsync(Func<Task<ArticlePage?>> build)
    {
        for (var i = 0; i < 20; i++)
            await build(); // warm up: JIT, EF Core's query cache, the connection pool
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
            Assert.NotNull(await build());
        return new Cost(clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static Cost Measure(Action work)
    {
        work();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
            work();
        return new Cost(clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}

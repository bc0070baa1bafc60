using System.Collections.Concurrent;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Caching;

/// <summary>
/// While few pages miss the cache, each is kept from its first reading; once more have missed lately than the cache holds,
/// a page is kept only from its second reading within the window, so a stream of pages read once does not push out
/// the pages read again. Admission decides only what is stored: a save evicts a stored page as before.
/// </summary>
public class CacheAdmissionTests(CacheAdmissionTests.SmallCacheSite factory) : IClassFixture<CacheAdmissionTests.SmallCacheSite>
{
    /// <summary>A 1 MB output cache: its first 64 pages missed are kept from their first reading.</summary>
    public sealed class SmallCacheSite : GutImmuneFactory
    {
        public SmallCacheSite() => Settings["ReaderCache:OutputCacheMegabytes"] = "1";

        /// <summary>Whether the output cache could still store each page (by path) as its view was rendered, in order.</summary>
        public ConcurrentDictionary<string, ConcurrentQueue<bool>> StorableWhenRendered { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new StorableWhenRenderedRecorder(this))));
        }
    }

    private sealed class StorableWhenRenderedRecorder(SmallCacheSite site) : IAsyncResultFilter
    {
        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (context.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
                site.StorableWhenRendered.GetOrAdd(context.HttpContext.Request.Path.Value!, _ => new()).Enqueue(cache.Context.AllowCacheStorage);
            return next();
        }
    }

    [Fact]
    public void Keys_are_kept_from_their_first_reading_until_more_have_missed_than_the_cache_holds()
    {
        var admission = new CacheAdmission(keptFromFirstReading: 3, window: 100);

        Assert.True(admission.Admits("a"));
        Assert.True(admission.Admits("b"));
        Assert.True(admission.Admits("c"));
        Assert.False(admission.Admits("d"));
        Assert.True(admission.Admits("d"));
        Assert.True(admission.Admits("a"));
    }

    [Fact]
    public void Keys_seen_in_the_previous_window_are_kept_and_keys_seen_two_windows_ago_are_forgotten()
    {
        // One hash into 32 bits a key: a key not seen passes for one seen about once in 32 times.
        var admission = new CacheAdmission(keptFromFirstReading: 0, window: 100);
        var early = Enumerable.Range(0, 100).Select(n => $"early {n}").ToList();
        Assert.True(early.Count(admission.Admits) < 10);

        Assert.True(early.Count(admission.Admits) > 90);
        foreach (var key in Enumerable.Range(0, 300).Select(n => $"later {n}"))
            admission.Admits(key);

        Assert.True(early.Count(admission.Admits) < 10);
    }

    [Fact]
    public async Task Past_the_first_readings_a_page_read_once_is_not_stored_one_read_twice_is_and_a_save_still_evicts_it()
    {
        await SyntheticArticles.CreateAsync(factory, "admitted-second", "Admitted before", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), []);
        var client = factory.CreateClient();
        for (var search = 0; search < 64; search++)
            (await client.GetAsync($"/search?q=filler{search}")).EnsureSuccessStatusCode();

        Assert.Contains("<h1>Admitted before</h1>", await client.GetStringAsync("/articles/admitted-second"));
        await factory.RetitleEditionBehindTheSitesBackAsync("admitted-second", "Admitted once");
        Assert.Contains("<h1>Admitted once</h1>", await client.GetStringAsync("/articles/admitted-second"));
        await factory.RetitleEditionBehindTheSitesBackAsync("admitted-second", "Admitted behind the cache");
        Assert.Contains("<h1>Admitted once</h1>", await client.GetStringAsync("/articles/admitted-second"));

        Assert.IsType<PersonSave.Saved>(await factory.WithServiceAsync<PeopleEditor, PersonSave>(people =>
            people.CreateAsync(new PersonFields("Admission Person", "admission-person", null, "Author", null, null), default)));
        Assert.Contains("<h1>Admitted behind the cache</h1>", await client.GetStringAsync("/articles/admitted-second"));
    }

    [Fact]
    public async Task Past_the_first_readings_a_page_read_once_is_refused_storage_before_it_is_rendered()
    {
        // The output cache buffers every page it may store, in a new 80 KB array, as the page is written: a page it will
        // not store must be known as such before then, not after (bench/README, fourteenth round).
        await SyntheticArticles.CreateAsync(factory, "refused-before-render", "Refused before render", ArticleStatus.Published, DateTime.UtcNow.AddDays(-1), []);
        var client = factory.CreateClient();
        for (var search = 0; search < 64; search++)
            (await client.GetAsync($"/search?q=early{search}")).EnsureSuccessStatusCode();

        for (var reading = 0; reading < 3; reading++)
            Assert.Contains("<h1>Refused before render</h1>", await client.GetStringAsync("/articles/refused-before-render"));

        // Read once: rendered unstorable. Read twice: rendered to be stored. The third reading is the stored page.
        Assert.Equal(new[] { false, true }, factory.StorableWhenRendered["/articles/refused-before-render"].ToArray());
    }
}

using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Performance;

/// <summary>What every request that reaches the database pays before its first query: its DbContext and its connections.</summary>
public class DbContextCostTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task A_request_takes_its_DbContext_from_a_pool_instead_of_building_one()
    {
        _ = factory.Services; // starts the site
        GutImmuneDbContext first;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            Assert.True(await first.ReaderEditions.AnyAsync());
        }

        // The site's background services rent contexts from the same pool, so the first may be out at a given moment:
        // it comes back within a few rentals (without a pool it never would).
        for (var rental = 1; ; rental++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var next = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            if (!ReferenceEquals(first, next))
            {
                Assert.True(rental < 50, "The first context never came back from the pool");
                await Task.Delay(10);
                continue;
            }
            // A pooled context comes back clean: nothing tracked from its last request.
            Assert.Empty(next.ChangeTracker.Entries());
            return;
        }
    }

    [SqliteFact]
    public async Task Every_connection_of_the_site_waits_five_seconds_for_a_writer()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
        for (var i = 0; i < 3; i++) // the pool's connection again, as each query opens one
        {
            var timeout = await db.Database.SqlQueryRaw<int>("PRAGMA busy_timeout").ToListAsync();
            Assert.Equal([5000], timeout);
        }
    }

    [SqliteFact]
    public async Task Every_connection_of_the_site_commits_without_waiting_for_the_disk_and_syncs_at_checkpoints()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
        Assert.Equal(["wal"], await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        for (var i = 0; i < 3; i++)
        {
            var synchronous = await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync();
            Assert.Equal([1], synchronous); // NORMAL: with WAL, durable when the process dies, synced at each checkpoint
        }
    }

    [SqliteFact]
    public async Task Every_connection_of_the_site_keeps_at_most_512_KiB_of_pages()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
        for (var i = 0; i < 3; i++)
        {
            var cacheSize = await db.Database.SqlQueryRaw<int>("PRAGMA cache_size").ToListAsync();
            Assert.Equal([-512], cacheSize); // negative: KiB, not pages
        }
    }
}

using System.Collections.Concurrent;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.LinkChecking;

/// <summary>One pass of the link checker: every address a reference links to whose last check is older than the interval.</summary>
public sealed class LinkCheckRun(GutImmuneDbContext db, LinkChecker checker, IOptions<LinkCheckOptions> options, TimeProvider time)
{
    /// <summary>Addresses checked at once in all (each host still gets at most its own limit).</summary>
    private const int Parallel = 8;

    /// <returns>How many addresses were checked.</returns>
    public async Task<int> CheckDueAsync(CancellationToken cancellationToken)
    {
        // Only references with an address: the first pass runs at start-up, and a large site has many references without one.
        var links = await db.Citations.AsNoTracking().Where(c => c.Doi != null || c.Url != null).Select(c => new { c.Doi, c.Url })
            .ToListAsync(cancellationToken);
        var addresses = links.SelectMany(l => LinkCheck.AddressesOf(l.Doi, l.Url)).ToHashSet(StringComparer.Ordinal);
        var checks = await db.LinkChecks.ToDictionaryAsync(c => c.Address, StringComparer.Ordinal, cancellationToken);
        // An address no reference links to any more is not checked again, nor counted as broken.
        db.LinkChecks.RemoveRange(checks.Values.Where(c => !addresses.Contains(c.Address)));

        var now = time.GetUtcNow().UtcDateTime;
        var due = addresses.Where(a => !checks.TryGetValue(a, out var last) || now - last.CheckedAt >= options.Value.Interval).ToList();
        var results = new ConcurrentBag<LinkCheck>();
        await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (address, token) => results.Add(await checker.CheckAsync(address, token)));

        foreach (var result in results)
        {
            if (checks.TryGetValue(result.Address, out var stored))
            {
                stored.StatusCode = result.StatusCode;
                stored.FinalAddress = result.FinalAddress;
                stored.Redirects = result.Redirects;
                stored.CheckedAt = result.CheckedAt;
                stored.Error = result.Error;
            }
            else
                db.LinkChecks.Add(result);
        }
        await db.SaveChangesAsync(cancellationToken);
        return results.Count;
    }
}

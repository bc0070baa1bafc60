using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.LinkChecking;

/// <summary>What the admin shows of the link checks: beside each reference, and the broken ones on the dashboard.</summary>
public sealed class LinkCheckReport(GutImmuneDbContext db)
{
    public sealed record BrokenLink(int ArticleId, string ArticleTitle, int ReferenceNumber, string Address, string Problem, DateTime CheckedAt);

    /// <summary>The last checks of the given addresses, by address; an address not yet checked is missing.</summary>
    public async Task<IReadOnlyDictionary<string, LinkCheck>> ForAddressesAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<string, LinkCheck>()
            : await db.LinkChecks.AsNoTracking().Where(c => wanted.Contains(c.Address)).ToDictionaryAsync(c => c.Address, cancellationToken);
    }

    /// <summary>Every reference whose web address or DOI link was broken when last checked, by article and number.</summary>
    public async Task<IReadOnlyList<BrokenLink>> BrokenAsync(CancellationToken cancellationToken)
    {
        var broken = (await db.LinkChecks.AsNoTracking().ToListAsync(cancellationToken)).Where(c => c.IsBroken).ToDictionary(c => c.Address);
        if (broken.Count == 0)
            return [];
        var addresses = broken.Keys.ToList();
        var dois = addresses.Where(a => a.StartsWith(LinkCheck.DoiAddress(""), StringComparison.Ordinal)).Select(a => a[LinkCheck.DoiAddress("").Length..]).ToList();
        var references = await db.Citations.AsNoTracking()
            .Where(c => addresses.Contains(c.Url!) || dois.Contains(c.Doi!))
            .Join(db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { ArticleId = a.Id, a.Title, c.Number, c.Doi, c.Url })
            .ToListAsync(cancellationToken);
        return references
            .SelectMany(r => LinkCheck.AddressesOf(r.Doi, r.Url).Where(broken.ContainsKey)
                .Select(address => new BrokenLink(r.ArticleId, r.Title, r.Number, address, broken[address].Describe(), broken[address].CheckedAt)))
            .OrderBy(b => b.ArticleTitle).ThenBy(b => b.ReferenceNumber)
            .ToList();
    }
}

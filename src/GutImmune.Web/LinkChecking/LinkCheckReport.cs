using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.LinkChecking;

/// <summary>What the admin shows of the link checks: beside each reference, and the broken ones on the dashboard.</summary>
public sealed class LinkCheckReport(GutImmuneDbContext db)
{
    public sealed record BrokenLink(int ArticleId, string ArticleTitle, int ReferenceNumber, string Address, string Problem, DateTime CheckedAt);
    public sealed record BrokenLinks(int Count, IReadOnlyList<BrokenLink> First);

    /// <summary>The last checks of the given addresses, by address; an address not yet checked is missing.</summary>
    public async Task<IReadOnlyDictionary<string, LinkCheck>> ForAddressesAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var wanted = addresses.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<string, LinkCheck>()
            : await db.LinkChecks.AsNoTracking().Where(c => wanted.Contains(c.Address)).ToDictionaryAsync(c => c.Address, cancellationToken);
    }

    /// <summary>The references whose web address or DOI link was broken when last checked: how many, and the first
    /// <paramref name="limit"/> by article and number.</summary>
    public async Task<BrokenLinks> BrokenAsync(int limit, CancellationToken cancellationToken)
    {
        var doiPrefix = LinkCheck.DoiAddress("");
        var references =
            from check in db.LinkChecks.AsNoTracking().Where(LinkCheck.Broken)
            from citation in db.Citations.AsNoTracking()
            where check.Address == citation.Url || check.Address == doiPrefix + citation.Doi
            join article in db.Articles.AsNoTracking() on citation.ArticleId equals article.Id
            select new { ArticleId = article.Id, article.Title, citation.Number, Check = check };
        var count = await references.CountAsync(cancellationToken);
        if (count == 0)
            return new BrokenLinks(0, []);
        var first = await references.OrderBy(r => r.Title).ThenBy(r => r.Number).ThenBy(r => r.Check.Address).Take(limit).ToListAsync(cancellationToken);
        return new BrokenLinks(count, first.Select(r => new BrokenLink(r.ArticleId, r.Title, r.Number, r.Check.Address, r.Check.Describe(), r.Check.CheckedAt)).ToList());
    }
}

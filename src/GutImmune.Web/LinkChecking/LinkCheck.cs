using System.Linq.Expressions;

namespace GutImmune.Web.LinkChecking;

/// <summary>
/// The last check of one address that references link to (a reference's web address, or https://doi.org/ and its
/// DOI). Stored by address, so an address several references share is checked once.
/// </summary>
public class LinkCheck
{
    public int Id { get; set; }
    public required string Address { get; set; }
    /// <summary>The HTTP status of the last answer, after redirects; null when no answer came (see <see cref="Error"/>).</summary>
    public int? StatusCode { get; set; }
    /// <summary>Where the redirects ended.</summary>
    public string? FinalAddress { get; set; }
    /// <summary>Each address a redirect led to, in order.</summary>
    public List<string> Redirects { get; set; } = [];
    public DateTime CheckedAt { get; set; }
    /// <summary>Why no usable answer came: a timeout, a refused address, too many redirects, a network error.</summary>
    public string? Error { get; set; }

    /// <summary>No usable answer, or an answer other than 2xx: as a query, so the broken ones are found in the database.</summary>
    public static readonly Expression<Func<LinkCheck, bool>> Broken = c => c.Error != null || c.StatusCode == null || c.StatusCode < 200 || c.StatusCode >= 300;
    private static readonly Func<LinkCheck, bool> IsBrokenCheck = Broken.Compile();

    public bool IsBroken => IsBrokenCheck(this);

    /// <summary>The addresses a reference links to, as <see cref="Reading.AmaStyle"/> writes them.</summary>
    public static IEnumerable<string> AddressesOf(string? doi, string? url)
    {
        if (doi is not null)
            yield return DoiAddress(doi);
        if (url is not null && (doi is null || url != DoiAddress(doi)))
            yield return url;
    }

    public static string DoiAddress(string doi) => $"https://doi.org/{doi}";

    /// <summary>In a few words for the admin: "200 OK", "404 Not Found after 1 redirect", "timed out".</summary>
    public string Describe()
    {
        var redirects = Redirects.Count switch { 0 => "", 1 => " after 1 redirect", var n => $" after {n} redirects" };
        return Error is not null ? Error + redirects
            : $"{StatusCode} {ReasonPhrase(StatusCode ?? 0)}{redirects}".Trim();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

using System.Text.RegularExpressions;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Web.ContentChecks;

/// <summary>The article's references themselves: well-formed identifiers, no work listed twice, each one cited, none too old.</summary>
public static partial class ReferenceChecks
{
    public static IEnumerable<ContentFinding> Of(Article article, DateOnly today, int ageYears)
    {
        var findings = new List<ContentFinding>();
        var cited = CitedNumbers(article);
        var firstWith = new Dictionary<string, int>();
        for (var i = 0; i < article.Citations.Count; i++)
        {
            var c = article.Citations[i];
            var where = $"Reference {c.Number}";
            void Add(CitationPart? part, string message) =>
                findings.Add(new(CheckGroup.References, new ContentPlace.Citation(i, part), where, message, []));

            if (c.Doi is { } doi && !Doi().IsMatch(doi))
                Add(CitationPart.Doi, $"The DOI “{doi}” is not in the form 10.NNNN/suffix (e.g. 10.3389/fimmu.2018.01830).");
            if (c.Pmid is { } pmid && !Pmid().IsMatch(pmid))
                Add(CitationPart.Pmid, $"The PubMed ID “{pmid}” is not a PubMed ID (1 to 9 digits, not starting with 0).");
            foreach (var (key, what) in new[] { (Blank(c.Doi)?.ToLowerInvariant(), "DOI"), (Blank(c.Pmid), "PubMed ID"), (NormalisedTitle(c.Title), "title") })
            {
                if (key is null)
                    continue;
                if (firstWith.TryGetValue($"{what}:{key}", out var first))
                    Add(null, $"Has the same {what} as reference {first}: the same work is listed twice.");
                else
                    firstWith[$"{what}:{key}"] = c.Number;
            }
            if (!cited.Contains(c.Number))
                Add(null, "Is never cited in the article.");
            if (c.Year is { } year && today.Year - year > ageYears)
                Add(CitationPart.Year, $"Was published in {year}, {today.Year - year} years ago (the limit is {ageYears}): look for newer evidence.");
        }
        return findings;
    }

    /// <summary>The reference numbers the article's Markdown cites, as readers see the markers.</summary>
    public static HashSet<int> CitedNumbers(Article article)
    {
        var numbers = article.Citations.Select(c => c.Number).ToList();
        var cited = new HashSet<int>();
        foreach (var field in article.MarkdownFields())
        {
            var scope = new CitationScope(numbers);
            // A text that cannot be read cites nothing readers see; the accessibility checks report it.
            if (ContentMarkdown.CollectCitationsWithinCost(field.Text, scope, field.Label) is null)
                cited.UnionWith(scope.CitedNumbers);
        }
        return cited;
    }

    /// <summary>Lower-case letters and digits only, so that case, punctuation and spacing do not hide a duplicate.</summary>
    public static string? NormalisedTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            return null;
        var words = NonWord().Split(title.ToLowerInvariant()).Where(w => w.Length > 0);
        return string.Join(' ', words);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex Doi();

    [GeneratedRegex(@"^[1-9]\d{0,8}$")]
    private static partial Regex Pmid();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}

using System.Text;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Search;

/// <summary>
/// Turns whatever a reader typed into a safe full-text query: the words only (letters and digits), all required,
/// optionally the last one also matching as a prefix, and a phrase of the synonym list matching any phrase of its
/// group. Quotes, operators, brackets and symbols are not syntax but separators, so no input can make the query
/// invalid. One method per engine's query syntax.
/// </summary>
public static partial class SearchQuery
{
    public const int MaxWords = 12;
    public const int MaxWordLength = 60;
    public const int MaxInputLength = 2000;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>
    /// The query of <paramref name="input"/>'s words, or null when it holds none. Where the words hold a phrase of a
    /// synonym group (the longest one, from the left), that term matches any phrase of the group.
    /// </summary>
    public static SearchExpression? Parse(string? input, IReadOnlyList<SynonymGroup> synonyms, bool lastWordAsPrefix = false)
    {
        var words = Words(input).Select(w => w.ToLowerInvariant()).ToList();
        if (words.Count == 0)
            return null;
        var phrases = synonyms.SelectMany(g => g.PhraseWords().Select(p => (Words: p, Group: g))).OrderByDescending(p => p.Words.Count).ToList();
        var terms = new List<IReadOnlyList<IReadOnlyList<string>>>();
        for (var i = 0; i < words.Count;)
        {
            var start = i;
            var match = phrases.FirstOrDefault(p => p.Words.Count <= words.Count - start && p.Words.SequenceEqual(words.Skip(start).Take(p.Words.Count)));
            if (match.Group is null)
            {
                terms.Add([[words[i]]]);
                i++;
            }
            else
            {
                terms.Add(match.Group.PhraseWords());
                i += match.Words.Count;
            }
        }
        return new SearchExpression(terms, lastWordAsPrefix && terms[^1].Count == 1 && terms[^1][0].Count == 1);
    }

    /// <summary>
    /// The query as a reader is shown it was searched: as typed when every word of it was used, else the words used and
    /// "…", so a long paste is neither echoed whole nor shown as if all of it counted.
    /// </summary>
    public static string AsSearched(string? input)
    {
        var words = Words(input);
        var allUsed = input is not null && input.Length <= MaxInputLength
            && Word().Matches(input) is var typed && typed.Count <= MaxWords && typed.All(w => w.Length <= MaxWordLength);
        return allUsed ? input!.Trim() : string.Join(" ", words) + " …";
    }

    /// <summary>
    /// The words of <paramref name="input"/> in compatibility form (NFKC), as the index's tokenizers see text: full-width
    /// letters are ASCII, a ligature is its letters, an accent typed as a combining mark joins its letter.
    /// </summary>
    public static IReadOnlyList<string> Words(string? input) => string.IsNullOrWhiteSpace(input)
        ? []
        : Word().Matches(CompatibilityForm(input.Length > MaxInputLength ? input[..MaxInputLength] : input))
            .Select(m => m.Value.Length > MaxWordLength ? m.Value[..MaxWordLength] : m.Value)
            .Take(MaxWords)
            .ToList();

    private static string CompatibilityForm(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Text that is not valid UTF-16 (a lone surrogate) has no normal form: its words are taken as they are.
            return text;
        }
    }
}

/// <summary>
/// A parsed query: every term must match; a term is one or more alternatives (a word, or the phrases of a synonym
/// group), each alternative words that must all match. Words are letters and digits only, so they are never operators.
/// </summary>
public sealed record SearchExpression(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Terms, bool LastWordAsPrefix)
{
    /// <summary>SQLite FTS5: <c>"gut" AND ("microbiome" OR ("gut" AND "flora"))</c>, the last word with <c>*</c> as a prefix.</summary>
    public string ToMatchExpression() => ToMatchExpression(_ => true);

    /// <summary>
    /// The FTS5 expression with only the phrases <paramref name="keep"/> accepts (written as <see cref="ToMatchPhrases"/>
    /// writes them); a group or term left without phrases is left out. Empty when no phrase is kept.
    /// </summary>
    public string ToMatchExpression(Func<string, bool> keep) => Join(" AND ", " OR ", " AND ", w => $"\"{w}\"", "*", keep);

    /// <summary>
    /// The FTS5 phrases of <see cref="ToMatchExpression()"/> in its order, repeats kept (<c>"gut"</c>, <c>"microbiome"</c>,
    /// <c>"gut"</c>, <c>"flora"</c>), the last word with <c>*</c> as a prefix.
    /// </summary>
    public IReadOnlyList<string> ToMatchPhrases() => Words(w => $"\"{w}\"", "*").SelectMany(t => t).SelectMany(a => a).ToList();

    /// <summary>PostgreSQL <c>to_tsquery</c>: <c>gut &amp; (microbiome | (gut &amp; flora))</c>, the last word with <c>:*</c>.</summary>
    public string ToTsQuery() => Join(" & ", " | ", " & ", w => w, ":*", _ => true);

    /// <summary>PostgreSQL <c>to_tsquery</c> matching any one word of the query: which of them a heading holds.</summary>
    public string ToAnyWordTsQuery() =>
        string.Join(" | ", Terms.SelectMany(t => t).SelectMany(a => a).Distinct()) + (LastWordAsPrefix ? ":*" : "");

    /// <summary>The terms' words in the engine's syntax, the last word with the prefix mark when it is read as a prefix.</summary>
    private IEnumerable<IEnumerable<IEnumerable<string>>> Words(Func<string, string> word, string prefix) =>
        Terms.Select((alternatives, t) => alternatives.Select(a => a.Select(w => word(w) + (LastWordAsPrefix && t == Terms.Count - 1 ? prefix : ""))));

    private string Join(string and, string or, string andInGroup, Func<string, string> word, string prefix, Func<string, bool> keep) =>
        string.Join(and, Words(word, prefix)
            .Select(alternatives => alternatives
                .Select(a => a.Where(keep).ToList())
                .Where(a => a.Count > 0)
                .Select(a => a.Count == 1 ? a[0] : "(" + string.Join(andInGroup, a) + ")")
                .ToList())
            .Where(alternatives => alternatives.Count > 0)
            .Select(alternatives => alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(or, alternatives) + ")"));
}

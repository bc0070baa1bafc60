using System.Text.RegularExpressions;

namespace GutImmune.Web.Search;

/// <summary>
/// Turns whatever a reader typed into a safe full-text query: the words only (letters and digits), all required,
/// optionally the last one also matching as a prefix. Quotes, operators, brackets and symbols are not syntax but
/// separators, so no input can make the query invalid. One method per engine's query syntax.
/// </summary>
public static partial class SearchQuery
{
    public const int MaxWords = 12;
    public const int MaxWordLength = 60;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>The FTS5 MATCH expression for <paramref name="input"/>, or null when it holds no words.</summary>
    public static string? ToMatchExpression(string? input, bool lastWordAsPrefix = false)
    {
        var words = Words(input);
        if (words.Count == 0)
            return null;
        var quoted = words.Select(w => $"\"{w}\"").ToList();
        if (lastWordAsPrefix)
            quoted[^1] += "*";
        return string.Join(" ", quoted);
    }

    /// <summary>
    /// The PostgreSQL <c>to_tsquery</c> text for <paramref name="input"/>, or null when it holds no words. The words are
    /// letters and digits only, so they can never be tsquery operators and need no quoting.
    /// </summary>
    public static string? ToTsQuery(string? input, bool lastWordAsPrefix = false)
    {
        var words = Words(input);
        if (words.Count == 0)
            return null;
        return string.Join(" & ", words) + (lastWordAsPrefix ? ":*" : "");
    }

    public static IReadOnlyList<string> Words(string? input) => string.IsNullOrWhiteSpace(input)
        ? []
        : Word().Matches(input.Length > 2000 ? input[..2000] : input)
            .Select(m => m.Value.Length > MaxWordLength ? m.Value[..MaxWordLength] : m.Value)
            .Take(MaxWords)
            .ToList();
}

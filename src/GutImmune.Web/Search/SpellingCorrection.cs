namespace GutImmune.Web.Search;

/// <summary>"Did you mean": the closest word of a vocabulary to a word it does not hold, by edits (a letter added,
/// dropped, changed, or two neighbours swapped), short words allowed fewer.</summary>
public static class SpellingCorrection
{
    /// <summary>Words of letters only and of four or more: shorter ones have too many neighbours to guess among.</summary>
    public static bool CanCorrect(string word) => word.Length >= 4 && word.All(char.IsLetter);

    public static int MaxEdits(string word) => word.Length <= 5 ? 1 : 2;

    /// <summary>The closest vocabulary word within <see cref="MaxEdits"/>, or null when the word is known or none is close.</summary>
    public static string? Closest(string word, IReadOnlyCollection<string> vocabulary)
    {
        if (vocabulary.Contains(word))
            return null;
        return vocabulary
            .Select(candidate => (Word: candidate, Edits: Edits(word, candidate)))
            .Where(c => c.Edits <= MaxEdits(word))
            .OrderBy(c => c.Edits).ThenByDescending(c => CommonPrefix(word, c.Word)).ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word)
            .FirstOrDefault();
    }

    /// <summary>Edit distance with adjacent swaps counted as one edit (optimal string alignment).</summary>
    public static int Edits(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
            n++;
        return n;
    }
}

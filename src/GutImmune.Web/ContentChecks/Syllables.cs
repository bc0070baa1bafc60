namespace GutImmune.Web.ContentChecks;

/// <summary>
/// Counts a word's syllables by English spelling rules: groups of vowels, less a silent final e, es or ed, plus the
/// vowel pairs that are spoken apart (bacter-i-a, gradu-al). It is an estimate, as every readability formula's count is;
/// its cases are listed in TextStatisticsTests.
/// </summary>
public static class Syllables
{
    // "ia", "io" ... are two syllables ("bacteria", "biology") except after the letters that merge them ("nutrition", "special", "vision").
    private static readonly string[] SpokenApart = ["ia", "io", "iu", "ua", "uo", "ii", "iet", "ien"];
    // Each ends with the pair it merges: "llio" for "million", "trillion".
    private static readonly string[] Merged = ["tia", "cia", "sia", "tio", "cio", "sio", "xio", "gia", "gio", "tien", "cien", "qua", "quo", "gua", "llio"];

    // Combining forms ending in o before a word starting with a vowel: the o and that vowel are spoken apart (gastro-intestinal).
    private static readonly string[] VowelEndingPrefixes = ["gastro", "neuro", "micro", "immuno", "entero", "electro", "psycho"];

    // Acronyms spoken letter by letter although they have a vowel (I-B-S, G-A-L-T).
    private static readonly HashSet<string> KnownAcronyms =
        ["DNA", "RNA", "IBS", "IBD", "HIV", "GALT", "MALT", "UK", "US", "USA", "EU", "UV", "IQ", "ICU", "MRI", "ECG", "EKG", "CRP", "FDA", "WHO", "NICE"];

    public static int Of(string word)
    {
        if (word.Length > 0 && char.IsAsciiDigit(word[0]))
            return 1; // a figure is one word of one syllable, so numbers never make a text look harder than it is
        if (word.Contains("://", StringComparison.Ordinal) || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            return 1; // a bare web address is not read out: one word of one syllable, like a figure
        var parts = word.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? parts.Sum(OfPart) : OfPart(word);
    }

    private static int OfPart(string part)
    {
        var letters = new string(part.Where(char.IsLetter).ToArray());
        if (letters.Length == 0)
            return 1;
        // A word in capitals is an acronym, read letter by letter, only when it is a known one (DNA, IBS), is written with
        // full stops (U.K.), or is short (at most 4 letters) with no vowel to say it by (NHS, GP). Any other word in
        // capitals is a word written loudly (WARNING, TAKE) and has the syllables of its lower-case form.
        if (letters.Length >= 2 && letters.All(char.IsUpper)
            && (KnownAcronyms.Contains(letters) || part.Contains('.') || (letters.Length <= 4 && !letters.Any(c => c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y'))))
            return letters.Length;
        var w = letters.ToLowerInvariant();
        if (w.EndsWith("'s") || w.EndsWith("’s"))
            w = w[..^2];
        if (w.Length <= 3)
            return 1;

        var count = 0;
        var inVowels = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowel(w, i);
            if (vowel && !inVowels)
                count++;
            inVowels = vowel;
        }

        // A final e on its own after a consonant is silent ("cause", "immune"), except in "-le" after a consonant ("little").
        if (w.EndsWith('e') && !IsVowel(w, w.Length - 2)
            && !(w[^2] == 'l' && w.Length >= 3 && !IsVowel(w, w.Length - 3)))
            count--;
        // "-es" and "-ed" are silent after most consonants ("makes", "changed"), spoken after s, x, z, ch, sh, c, g ("causes") or t, d ("needed").
        else if (w.EndsWith("es") && !IsVowel(w, w.Length - 3) && !"sxzcg".Contains(w[^3]) && !w.EndsWith("ches") && !w.EndsWith("shes"))
            count--;
        else if (w.EndsWith("ed") && !IsVowel(w, w.Length - 3) && w[^3] is not ('t' or 'd'))
            count--;
        // The e of "-ely" after a consonant is silent too ("actively", "closely").
        else if (w.EndsWith("ely") && !IsVowel(w, w.Length - 4))
            count--;
        if (VowelEndingPrefixes.FirstOrDefault(p => w.StartsWith(p, StringComparison.Ordinal)) is { } prefix && IsVowel(w, prefix.Length))
            count++;

        foreach (var pair in SpokenApart)
        {
            for (var at = w.IndexOf(pair, StringComparison.Ordinal); at >= 0; at = w.IndexOf(pair, at + 1, StringComparison.Ordinal))
            {
                var pairEnd = at + pair.Length;
                if (!Merged.Any(m => m.EndsWith(pair, StringComparison.Ordinal) && pairEnd - m.Length >= 0
                        && string.CompareOrdinal(w, pairEnd - m.Length, m, 0, m.Length) == 0))
                    count++;
            }
        }
        if (w.EndsWith("ism"))
            count++;
        return Math.Max(1, count);
    }

    /// <summary>a, e, i, o, u, and y when it is not the first letter ("yellow", but "system").</summary>
    private static bool IsVowel(string w, int i) => i >= 0 && i < w.Length && (w[i] is 'a' or 'e' or 'i' or 'o' or 'u' || (w[i] == 'y' && i > 0));
}

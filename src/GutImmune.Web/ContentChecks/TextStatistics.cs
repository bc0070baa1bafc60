namespace GutImmune.Web.ContentChecks;

/// <summary>
/// Words, sentences and syllables of plain text (paragraphs already stripped of Markdown and citation markers by
/// <see cref="MarkdownBlocks"/>), the counts the readability grades are made of.
/// </summary>
public sealed record TextStatistics(int Words, int Sentences, int Syllables, int PolysyllabicWords, IReadOnlyList<string> SentenceTexts,
    IReadOnlyList<string> LongWords)
{
    /// <summary>Words of this many syllables are the hints for a hard section.</summary>
    public const int LongWordSyllables = 4;

    public static readonly TextStatistics None = new(0, 0, 0, 0, [], []);

    // Abbreviations whose full stop never ends a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "prof.", "vs.", "fig.", "no.", "st.", "approx.", "cf.", "jr.", "sr.", "vol.", "pp.", "p.", "ca.",
    };
    private static readonly HashSet<string> EndBeforeCapital = new(StringComparer.OrdinalIgnoreCase) { "etc.", "al." };

    /// <summary>Counts one paragraph: it always ends a sentence, even without a full stop (a list item, a lead-in ending in a colon).</summary>
    public static TextStatistics Of(string paragraph)
    {
        var tokens = paragraph.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var sentences = new List<string>();
        var current = new List<string>();
        int words = 0, syllables = 0, polysyllabic = 0;
        var longWords = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            current.Add(token);
            var word = token.Trim(Punctuation);
            if (word.Any(char.IsLetterOrDigit))
            {
                words++;
                var count = ContentChecks.Syllables.Of(word);
                syllables += count;
                if (count >= 3)
                    polysyllabic++;
                if (count >= LongWordSyllables && !longWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                    longWords.Add(word);
            }
            var last = i == tokens.Length - 1;
            if (last || EndsSentence(token, tokens[i + 1]))
            {
                if (current.Any(t => t.Any(char.IsLetterOrDigit)))
                    sentences.Add(string.Join(' ', current));
                current.Clear();
            }
        }
        return new TextStatistics(words, sentences.Count, syllables, polysyllabic, sentences, longWords);
    }

    public TextStatistics Add(TextStatistics other) => new(Words + other.Words, Sentences + other.Sentences, Syllables + other.Syllables,
        PolysyllabicWords + other.PolysyllabicWords, [.. SentenceTexts, .. other.SentenceTexts],
        [.. LongWords, .. other.LongWords.Where(w => !LongWords.Contains(w, StringComparer.OrdinalIgnoreCase))]);

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', '*', '_', '—', '–', '…'];

    private static bool EndsSentence(string token, string next)
    {
        var bare = token.TrimEnd('"', '\'', '”', '’', ')', ']');
        if (bare.EndsWith('?') || bare.EndsWith('!'))
            return true;
        if (!bare.EndsWith('.') || bare.EndsWith(".."))
            return bare.EndsWith("...") || bare.EndsWith('…') ? StartsCapital(next) : false;
        var word = bare.TrimStart('"', '\'', '“', '‘', '(', '[');
        if (Abbreviations.Contains(word))
            return false;
        // "etc.", "et al." and letters with full stops ("U.K.", "U.S.") end a sentence only before a capital letter.
        if (EndBeforeCapital.Contains(word) || IsDottedAbbreviation(word))
            return StartsCapital(next);
        // An initial ("Vighi G.") is not the end of a sentence.
        if (word.Length == 2 && char.IsUpper(word[0]))
            return false;
        return true;
    }

    private static bool IsDottedAbbreviation(string word) =>
        word.Length >= 4 && word.Length % 2 == 0 && Enumerable.Range(0, word.Length / 2).All(i => char.IsLetter(word[2 * i]) && word[2 * i + 1] == '.');

    private static bool StartsCapital(string next) => next.TrimStart('"', '\'', '“', '‘', '(', '[').FirstOrDefault() is var c && char.IsUpper(c);
}

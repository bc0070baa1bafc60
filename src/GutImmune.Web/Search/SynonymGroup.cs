namespace GutImmune.Web.Search;

/// <summary>
/// Phrases that mean the same to a reader ("microbiome, microbiota, gut flora"): a query holding one of them finds
/// any of them. Editors keep the list in the admin; <see cref="SearchQuery.Parse"/> applies it.
/// </summary>
public class SynonymGroup
{
    public const int MaxPhrases = 12;
    public const int MaxLength = 500;

    public int Id { get; set; }

    /// <summary>The phrases, lower-case words separated by one space, phrases by ", ".</summary>
    public required string Phrases { get; set; }

    public IReadOnlyList<IReadOnlyList<string>> PhraseWords() =>
        Phrases.Split(", ").Select(p => (IReadOnlyList<string>)p.Split(' ')).ToList();

    /// <summary>
    /// Reads a list an editor typed (phrases separated by commas or new lines) into its stored form, or says why it
    /// cannot be one: a group needs at least two different phrases of words (letters and digits).
    /// </summary>
    public static (string? Phrases, string? Problem) Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return (null, "Enter at least two phrases that mean the same, separated by commas.");
        if (input.Length > MaxLength)
            return (null, $"Keep the list under {MaxLength} characters; split it into several groups.");
        var phrases = input.Split([',', '\n', ';'])
            .Select(p => string.Join(' ', SearchQuery.Words(p).Select(w => w.ToLowerInvariant())))
            .Where(p => p.Length > 0)
            .Distinct()
            .ToList();
        if (phrases.Count < 2)
            return (null, "Enter at least two different phrases, separated by commas: one alone has nothing to mean the same as.");
        if (phrases.Count > MaxPhrases)
            return (null, $"A group holds at most {MaxPhrases} phrases; split it into several groups.");
        if (phrases.Any(p => p.Split(' ').Length > 5))
            return (null, "A phrase has at most 5 words.");
        return (string.Join(", ", phrases), null);
    }
}

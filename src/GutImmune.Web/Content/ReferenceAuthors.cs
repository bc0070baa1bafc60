namespace GutImmune.Web.Content;

/// <summary>
/// A reference's authors: names as AMA style prints them ("Vighi G"), in order, and whether more authors follow
/// ("et al."). Compares by value, so a save can tell whether the list changed.
/// </summary>
public sealed class ReferenceAuthors : IEquatable<ReferenceAuthors>
{
    public const int MaxNames = 100;
    public const int MaxNameLength = 200;

    private const string EtAlText = "et al.";
    private static readonly char[] Blank = [' ', '\t', '\r', '\n'];

    public ReferenceAuthors(IEnumerable<string> names, bool etAl)
    {
        Names = names.ToList();
        EtAl = etAl;
    }

    public IReadOnlyList<string> Names { get; }
    public bool EtAl { get; }

    /// <summary>
    /// Reads the free text references held before authors were structured ("Vighi G, Marcucci F, et al."): names
    /// separated by commas, blanks around them dropped, an "et al." part (any case, full stop optional) setting the
    /// flag. The migration ReferenceAuthorsAndLinkChecks does the same in SQL; MigrationTests hold them together.
    /// </summary>
    public static ReferenceAuthors FromText(string? text)
    {
        var parts = (text ?? "").Split(',').Select(p => p.Trim(Blank)).Where(p => p.Length > 0).ToList();
        var etAl = parts.RemoveAll(IsEtAl) > 0;
        return new ReferenceAuthors(parts, etAl);
    }

    /// <summary>One name a line, as the reference form shows them; blank lines are dropped.</summary>
    public static ReferenceAuthors FromLines(string? lines, bool etAl) =>
        new((lines ?? "").Split('\n').Select(l => l.Trim(Blank)).Where(l => l.Length > 0), etAl);

    public string ToLines() => string.Join("\n", Names);

    /// <summary>As AMA style prints them: "Vighi G, Marcucci F, et al."</summary>
    public override string ToString() => string.Join(", ", EtAl ? Names.Append(EtAlText) : Names);

    /// <summary>
    /// A name in BibTeX's "Last, First" form: "Vighi G" becomes "Vighi, G." and "Abbas AK" "Abbas, A. K."; a name that
    /// is not an AMA surname with initials (an organisation) goes in braces so that BibTeX keeps it whole.
    /// </summary>
    public static string BibTexName(string name)
    {
        var space = name.LastIndexOf(' ');
        var initials = space < 0 ? "" : name[(space + 1)..];
        if (space <= 0 || initials.Length is 0 or > 3 || !initials.All(char.IsAsciiLetterUpper))
            return "{" + name + "}";
        return $"{name[..space]}, {string.Join(" ", initials.Select(i => i + "."))}";
    }

    /// <summary>The reverse of <see cref="BibTexName"/> and of RIS's "Vighi, G." form: "Vighi G" (AMA).</summary>
    public static string FromLastFirst(string name)
    {
        name = name.Trim(Blank);
        if (name.Length > 1 && name[0] == '{' && name[^1] == '}')
            return name[1..^1].Trim(Blank);
        var comma = name.IndexOf(',');
        if (comma < 0)
            return name;
        var last = name[..comma].Trim(Blank);
        var given = name[(comma + 1)..].Trim(Blank);
        // "G." and "A. K." are initials already; "Giovanni" and "Anne-Marie K." become their initials.
        // Only words that start with a letter give an initial: quotes, brackets or markup pasted with a name give none.
        var initials = string.Concat(given.Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Select(w => char.ToUpperInvariant(w[0])));
        return initials.Length == 0 ? last : $"{last} {initials}";
    }

    public static bool IsEtAl(string part) =>
        part.Equals(EtAlText, StringComparison.OrdinalIgnoreCase) || part.Equals("et al", StringComparison.OrdinalIgnoreCase);

    public bool Equals(ReferenceAuthors? other) => other is not null && EtAl == other.EtAl && Names.SequenceEqual(other.Names);

    public override bool Equals(object? obj) => Equals(obj as ReferenceAuthors);

    public override int GetHashCode() => HashCode.Combine(EtAl, ToString());
}

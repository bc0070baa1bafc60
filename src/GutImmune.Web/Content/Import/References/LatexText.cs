using System.Text;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import.References;

/// <summary>
/// The LaTeX that reference managers write in BibTeX for letters outside ASCII, read as the letters: accents
/// ({\"u} ü, {\'e} é, \`, \^, \~, \=, \.), the cedilla (\c{c} ç), the letters \ss ß, \o ø, \aa å, \ae æ, \l ł;
/// \url{...} as its address and \relax as nothing. Grouping braces are left for the caller to drop.
/// </summary>
internal static partial class LatexText
{
    private static readonly Dictionary<char, char> CombiningAccents = new()
    {
        ['"'] = '\u0308', ['\''] = '\u0301', ['`'] = '\u0300', ['^'] = '\u0302', ['~'] = '\u0303', ['='] = '\u0304', ['.'] = '\u0307',
    };

    private static readonly Dictionary<string, string> Letters = new()
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["aa"] = "å", ["AA"] = "Å", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ",
        ["l"] = "ł", ["L"] = "Ł", ["i"] = "ı", ["j"] = "ȷ",
    };

    public static string Decode(string text)
    {
        if (!text.Contains('\\'))
            return text;
        text = Url().Replace(text, m => m.Groups[1].Value);
        text = Relax().Replace(text, "");
        // The dotless \i and \j take an accent as i and j do.
        text = Accent().Replace(text, m => (m.Groups[2].Value is var letter && letter.StartsWith('\\') ? letter[1..] : letter) + CombiningAccents[m.Groups[1].Value[0]]);
        text = Cedilla().Replace(text, m => (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) + "\u0327");
        text = Letter().Replace(text, m => Letters[m.Groups[1].Value]);
        return text.Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"\\url\s*\{([^{}]*)\}")]
    private static partial Regex Url();

    [GeneratedRegex(@"\\relax\b\s*")]
    private static partial Regex Relax();

    [GeneratedRegex(@"\\([""'`^~=.])\s*\{?\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}?")]
    private static partial Regex Accent();

    [GeneratedRegex(@"\\c\s*(?:\{\s*([A-Za-z])\s*\}|\s([A-Za-z]))")]
    private static partial Regex Cedilla();

    [GeneratedRegex(@"\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])\s*")]
    private static partial Regex Letter();
}

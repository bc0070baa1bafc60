using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Xml;

namespace GutImmune.Web.Content;

/// <summary>
/// The characters no stored text may hold: those XML 1.0 forbids (C0 controls other than tab, line feed and carriage
/// return; lone surrogates; U+FFFE and U+FFFF). Readers cannot see them, and one of them in a title makes the feed and
/// the sitemap unwritable. Pasted text brings them (Word writes U+000B for a manual line break).
/// </summary>
public static class TextCharacters
{
    /// <summary><paramref name="text"/> without the characters XML forbids (the same string when it has none).</summary>
    public static string WithoutForbidden(string text)
    {
        var firstBad = IndexOfForbidden(text);
        if (firstBad < 0)
            return text;
        var kept = new StringBuilder(text.Length).Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                kept.Append(text, i++, 2);
            else if (XmlConvert.IsXmlChar(text[i]))
                kept.Append(text[i]);
        }
        return kept.ToString();
    }

    /// <summary>
    /// Any text the site stores and shows (an article's fields and Markdown, a profile, a site page, media texts): without
    /// the characters XML forbids and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    /// which make text display in another order than it is stored ("Trojan Source": a title typed as "gnp.exe" after
    /// U+202E reads "exe.png"). Direction marks stay: they only place neutral characters, as right-to-left text may need.
    /// </summary>
    public static string ForStoredText(string text)
    {
        text = WithoutForbidden(text);
        return text.AsSpan().IndexOfAny(Reordering) >= 0 ? string.Concat(text.Where(c => !Reordering.Contains(c))) : text;
    }

    /// <summary>A field's text as stored (<see cref="ForStoredText"/>, trimmed), or null when nothing of it shows.</summary>
    public static string? ForStoredField(string? text) => HasVisible(text) ? ForStoredText(text).Trim() : null;

    /// <summary>
    /// Plain text people type for others to read (review comments, a reviewer's name and credentials), trimmed: without
    /// the characters XML forbids, the C1 controls (U+0080–U+009F, which no keyboard types and no reader sees) and the
    /// bidirectional controls — embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text display
    /// in another order than it is stored ("Trojan Source"), and the direction marks (U+200E, U+200F, U+061C), which
    /// move neutral characters such as digits and brackets — so that what an editor reads is what was written.
    /// </summary>
    public static string ForPlainText(string text)
    {
        text = WithoutForbidden(text);
        if (text.AsSpan().IndexOfAny(Invisible) >= 0)
            text = string.Concat(text.Where(c => !Invisible.Contains(c)));
        return text.Trim();
    }

    /// <summary>Plain text as <see cref="ForPlainText"/> keeps it, or null when nothing of it shows (<see cref="HasVisible"/>).</summary>
    public static string? ForVisiblePlainText(string? text) =>
        text is not null && ForPlainText(text) is var kept && kept.EnumerateRunes().Any(IsVisible) ? kept : null;

    /// <summary>
    /// Whether <paramref name="text"/>, kept as <see cref="ForPlainText"/> keeps it, shows anything: not only white space,
    /// controls, format characters (the zero-width space, joiners, the word joiner, the byte-order mark, the soft hyphen,
    /// tag characters), marks that combine with nothing and the letters made to show nothing (Hangul fillers, the braille
    /// blank), which plain text keeps but no one sees on their own.
    /// </summary>
    public static bool HasVisible([NotNullWhen(true)] string? text) => ForVisiblePlainText(text) is not null;

    private static bool IsVisible(Rune c) =>
        !Rune.IsWhiteSpace(c) && !BlankLetters.Contains(c.Value)
        && Rune.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark);

    private static readonly HashSet<int> BlankLetters = [0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0];

    private const string ReorderingCharacters = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    private static readonly System.Buffers.SearchValues<char> Reordering = System.Buffers.SearchValues.Create(ReorderingCharacters);

    private static readonly System.Buffers.SearchValues<char> Invisible = System.Buffers.SearchValues.Create(
        ReorderingCharacters + "\u200E\u200F\u061C" + string.Concat(Enumerable.Range(0x80, 0x20).Select(c => (char)c)));

    private static int IndexOfForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
                continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                i++;
            else
                return i;
        }
        return -1;
    }
}

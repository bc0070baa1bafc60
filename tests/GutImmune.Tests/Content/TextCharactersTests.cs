using GutImmune.Web.Content;

namespace GutImmune.Tests.Content;

/// <summary>Plain text people type for others to read keeps only what a reader sees, in the order it is stored.</summary>
public class TextCharactersTests
{
    [Theory]
    // Direction marks and a C1 control at the ends are removed before the trim, which then takes the spaces they hid.
    [InlineData("\u200E  Riverside\u0085 Clinic \u2069 ", "Riverside Clinic")]
    [InlineData("Dr \u202EJane\u202C Roe\u200F", "Dr Jane Roe")]
    [InlineData("Cite\u0007 a trial\u061C\u009B", "Cite a trial")]
    [InlineData("\u0085\u200E\u2066", "")]
    // Letters of any script, and marks that are part of them, stay.
    [InlineData("Zoë Ångström, مرحبا", "Zoë Ångström, مرحبا")]
    public void Plain_text_loses_controls_and_direction_characters_and_comes_back_trimmed(string typed, string kept) =>
        Assert.Equal(kept, TextCharacters.ForPlainText(typed));

    [Theory]
    [InlineData("", false)]
    [InlineData(" \u200E\u0085\u202E ", false)]
    // Zero-width and other format characters stay in plain text, but on their own they show nothing.
    [InlineData("\u200B\u200E\u202E\u2066\u0085", false)]
    [InlineData("\u2060\uFEFF\u200D\u00AD\u3000", false)]
    // Tag characters (outside the BMP), a combining mark alone, a variation selector, Hangul fillers, the braille blank.
    [InlineData("\U000E0041\U000E0042\u034F\uFE0F\u3164\u115F\uFFA0\u2800", false)]
    [InlineData("e\u0301", true)]
    [InlineData("\U0001F600", true)]
    [InlineData("\u200Bok", true)]
    [InlineData("مرحبا", true)]
    public void Text_has_something_visible_only_when_a_reader_sees_a_character_of_it(string typed, bool visible) =>
        Assert.Equal(visible, TextCharacters.HasVisible(typed));

    [Theory]
    [InlineData("gnp.exe", "gnp.exe")]
    [InlineData("\u202Egnp.exe", "gnp.exe")]
    [InlineData("a\u2066b\u2069c\u202A\u202B\u202C\u202D\u2067\u2068", "abc")]
    // Direction marks, zero-width characters and line breaks stay in stored text; the characters XML forbids do not.
    [InlineData("\u05E9\u05DC\u05D5\u05DD\u200F (1)\u200B\n\u0001", "\u05E9\u05DC\u05D5\u05DD\u200F (1)\u200B\n")]
    public void Stored_text_loses_the_controls_that_reorder_what_readers_see(string typed, string kept) =>
        Assert.Equal(kept, TextCharacters.ForStoredText(typed));
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace GutImmune.Web.Content;

/// <summary>
/// A field readers will see must show something: text made only of spaces, control characters and invisible format
/// characters (zero-width spaces and joiners, direction marks) is refused like an empty one, which
/// <see cref="RequiredAttribute"/> alone lets through.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class VisibleTextAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || TextCharacters.ForPlainText(text).Any(IsVisible);

    private static bool IsVisible(char c) =>
        !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.Control);
}

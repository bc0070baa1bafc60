using System.ComponentModel.DataAnnotations;

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
        value is not string text || text.Length == 0 || TextCharacters.HasVisible(text);
}

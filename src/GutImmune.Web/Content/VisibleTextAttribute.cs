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
    /// <summary>The end of the message for such a field, after its name ("The title "), here and in <see cref="ArticleValidator"/>.</summary>
    public const string MustShow = "must hold visible text, not only invisible characters (such as zero-width spaces or direction marks).";

    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0 || TextCharacters.HasVisible(text);
}

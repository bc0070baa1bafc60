using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Content;

/// <summary>The one slug rule: lowercase ASCII letters and digits in words joined by single hyphens.</summary>
public static partial class Slug
{
    public const string Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public const string FormatMessage = "Use lowercase letters, digits and single hyphens, e.g. \"gut-health-basics\".";

    [GeneratedRegex(Pattern)]
    private static partial Regex Valid();

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= ContentLimits.Slug && Valid().IsMatch(slug);

    /// <summary>Suggests a slug for a title: accents dropped, other characters become hyphens.</summary>
    public static string From(string text)
    {
        var builder = new StringBuilder();
        // Normalize throws on U+FFFE and lone surrogates.
        foreach (var c in TextCharacters.WithoutForbidden(text).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterOrDigit(lower))
                builder.Append(lower);
            else if (builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length <= ContentLimits.Slug ? slug : slug[..ContentLimits.Slug].TrimEnd('-');
    }
}

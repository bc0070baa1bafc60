using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import;

/// <summary>
/// Names a place in an article file the way an editor counts: a problem's field <c>sections[1].facts[0]</c> (counted
/// from 0, as in code) is "Section 2, fact 1"; field names stay as the file spells them, so they can be found in it.
/// </summary>
public static partial class ArticleFilePlace
{
    private static readonly Dictionary<string, string> itemNames = new()
    {
        ["sections"] = "section",
        ["facts"] = "fact",
        ["causes"] = "cause",
        ["citations"] = "citation",
        ["topics"] = "topic",
    };

    [GeneratedRegex(@"^(?<name>[^\[]*)\[(?<index>\d+)\]$")]
    private static partial Regex ListItem();

    public static string Describe(string field)
    {
        var parts = new List<string>();
        var names = new List<string>();
        foreach (var segment in field.Split('.'))
        {
            var item = ListItem().Match(segment);
            if (!item.Success || !int.TryParse(item.Groups["index"].Value, out var index))
            {
                names.Add(segment);
                continue;
            }
            if (names.Count > 0)
                parts.Add(string.Join('.', names));
            names.Clear();
            var list = item.Groups["name"].Value;
            parts.Add($"{(itemNames.TryGetValue(list, out var noun) ? noun : list + " item")} {index + 1}");
        }
        if (names.Count > 0)
            parts.Add(string.Join('.', names));
        var place = string.Join(", ", parts);
        return parts.Count > 0 && ListItem().IsMatch(field.Split('.')[0]) ? char.ToUpperInvariant(place[0]) + place[1..] : place;
    }
}

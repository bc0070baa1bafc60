using GutImmune.Web.Content;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Web.Editing;

/// <summary>Changes to an article's references that must keep every citation marker pointing at the same work.</summary>
public static class CitationMarkers
{
    /// <summary>The places (labels) whose Markdown cites <paramref name="number"/>.</summary>
    public static IReadOnlyList<string> PlacesCiting(Article article, int number) => FieldsCiting(article, number).Select(f => f.Label).ToList();

    private static List<MarkdownField> FieldsCiting(Article article, int number) =>
        article.MarkdownFields().Where(field =>
        {
            var scope = new CitationScope(article.Citations.Select(c => c.Number).Append(number));
            ContentMarkdown.CollectCitations(field.Text, scope, field.Label);
            return scope.UsesOf(number).Count > 0;
        }).ToList();

    /// <summary>
    /// Closes the gaps that references removed from <paramref name="article"/> left (<paramref name="removed"/>: their numbers;
    /// one another reference has taken leaves none), as deleting each on its own page does. When a text still cites one,
    /// nothing is closed: answers a problem on each such text.
    /// </summary>
    public static List<ContentProblem> CloseGapsLeftBy(Article article, IEnumerable<int> removed)
    {
        var gaps = removed.Where(n => article.Citations.All(c => c.Number != n)).Distinct().OrderDescending().ToList();
        var stillCited = gaps.SelectMany(number => FieldsCiting(article, number).Select(field => new ContentProblem(field.Place,
            $"the text cites reference {number}, which is removed from the references: remove the citation first, or keep the reference."))).ToList();
        if (stillCited.Count > 0)
            return stillCited;
        foreach (var number in gaps)
            CloseGap(article, number);
        return [];
    }

    /// <summary>
    /// Moves reference <paramref name="from"/> to number <paramref name="to"/>, shifting the references in between,
    /// and rewrites every marker so it still cites the same works.
    /// </summary>
    public static void Renumber(Article article, int from, int to)
    {
        var map = article.Citations.ToDictionary(c => c.Number, c => c.Number);
        foreach (var number in map.Keys.ToList())
        {
            if (number == from)
                map[number] = to;
            else if (from < to && number > from && number <= to)
                map[number] = number - 1;
            else if (from > to && number >= to && number < from)
                map[number] = number + 1;
        }
        Apply(article, map);
    }

    /// <summary>Closes the gap a deleted, uncited reference leaves: the references after it move down by one.</summary>
    public static void CloseGap(Article article, int deleted)
    {
        var map = article.Citations.ToDictionary(c => c.Number, c => c.Number > deleted ? c.Number - 1 : c.Number);
        Apply(article, map);
    }

    /// <summary>Inserts room for a new reference at <paramref name="number"/>: that reference and later ones move up by one.</summary>
    public static void MakeRoom(Article article, int number)
    {
        var map = article.Citations.ToDictionary(c => c.Number, c => c.Number >= number ? c.Number + 1 : c.Number);
        Apply(article, map);
    }

    private static void Apply(Article article, Dictionary<int, int> map)
    {
        foreach (var field in article.MarkdownFields().ToList())
        {
            var rewritten = Rewrite(field.Text, map);
            if (rewritten != field.Text)
                field.Update(rewritten);
        }
        foreach (var citation in article.Citations)
            citation.Number = map[citation.Number];
        article.Citations.Sort((a, b) => a.Number.CompareTo(b.Number));
    }

    internal static string Rewrite(string markdown, IReadOnlyDictionary<int, int> map)
    {
        var markers = ContentMarkdown.FindCitationMarkers(markdown);
        var text = markdown;
        foreach (var marker in markers.OrderByDescending(m => m.Span.Start))
        {
            if (!marker.Numbers.All(map.ContainsKey) || marker.Numbers.All(n => map[n] == n))
                continue;
            var replacement = Format(marker.Numbers.Select(n => map[n]));
            text = string.Concat(text.AsSpan(0, marker.Span.Start), replacement, text.AsSpan(marker.Span.End + 1));
        }
        return text;
    }

    /// <summary>"[2, 5]", with runs of three or more written as ranges: "[6-8]".</summary>
    internal static string Format(IEnumerable<int> numbers)
    {
        var sorted = numbers.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            if (j - i >= 2)
                parts.Add($"{sorted[i]}-{sorted[j]}");
            else
                parts.AddRange(sorted[i..(j + 1)].Select(n => n.ToString()));
            i = j + 1;
        }
        return $"[{string.Join(", ", parts)}]";
    }
}

using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>
/// An article's parts of one kind by what they hold, as revision snapshots (which carry no ids) can be compared: a section
/// by its slug, a fact by its text, a cause by its title and description, a reference by everything but its number (which
/// moves when others are added or deleted).
/// </summary>
public static class PartContent
{
    public static IEnumerable<(int Id, object Content)> Of(Article article, PartKind kind) => kind switch
    {
        PartKind.Section => article.Sections.Select(s => (s.Id, (object)s.Slug)),
        PartKind.Fact => article.Sections.SelectMany(s => s.Facts).Select(f => (f.Id, (object)f.Text)),
        PartKind.Cause => article.Sections.SelectMany(s => s.Causes).Select(c => (c.Id, (object)(c.Title, c.Description))),
        _ => article.Citations.Select(c => (c.Id, OfReference(c))),
    };

    /// <summary>What a reference holds: everything but its number.</summary>
    public static object OfReference(Citation c) => (c.Kind, string.Join("; ", c.AuthorNames), c.AuthorsEtAl, c.Title, c.Source, c.Year,
        c.DateDetail, c.Volume, c.Issue, c.Pages, c.Doi, c.Pmid, c.Url, c.AccessedOn, c.Evidence);

    /// <summary>
    /// Removes the new facts or causes (no id yet) of <paramref name="article"/> whose content is one of <paramref name="contents"/>,
    /// each content once; answers how many it removed. Other kinds are left as they are.
    /// </summary>
    public static int RemoveNew(Article article, PartKind kind, IEnumerable<object> contents)
    {
        var left = contents.ToList();
        return kind switch
        {
            PartKind.Fact => article.Sections.Sum(s => s.Facts.RemoveAll(f => f.Id == 0 && left.Remove(f.Text))),
            PartKind.Cause => article.Sections.Sum(s => s.Causes.RemoveAll(c => c.Id == 0 && left.Remove((c.Title, c.Description)))),
            _ => 0,
        };
    }

    /// <summary>The contents of <paramref name="kind"/> parts that <paramref name="to"/> holds more often than <paramref name="from"/>.</summary>
    public static List<object> Gained(Article from, Article to, PartKind kind)
    {
        var left = Of(from, kind).GroupBy(p => p.Content).ToDictionary(g => g.Key, g => g.Count());
        var gained = new List<object>();
        foreach (var (_, content) in Of(to, kind))
        {
            if (left.GetValueOrDefault(content) > 0)
                left[content]--;
            else
                gained.Add(content);
        }
        return gained;
    }
}

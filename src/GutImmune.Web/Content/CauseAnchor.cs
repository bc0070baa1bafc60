namespace GutImmune.Web.Content;

/// <summary>The one place that names causes' anchors on article and section pages (search results link to them).</summary>
public static class CauseAnchor
{
    /// <summary>Anchors for a section's causes in order; a title used twice gets "-2", "-3" so every id stays unique.</summary>
    public static IReadOnlyList<string> For(string sectionSlug, IEnumerable<string> causeTitles)
    {
        var seen = new Dictionary<string, int>();
        return causeTitles.Select(title =>
        {
            var anchor = $"{sectionSlug}-{Slug.From(title)}";
            seen[anchor] = seen.GetValueOrDefault(anchor) + 1;
            return seen[anchor] == 1 ? anchor : $"{anchor}-{seen[anchor]}";
        }).ToList();
    }
}

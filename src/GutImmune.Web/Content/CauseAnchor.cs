namespace GutImmune.Web.Content;

/// <summary>The one place that names a cause's anchor on article and section pages (search results link to it).</summary>
public static class CauseAnchor
{
    public static string For(string sectionSlug, string causeTitle) => $"{sectionSlug}-{Slug.From(causeTitle)}";
}

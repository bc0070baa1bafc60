namespace GutImmune.Web.Content;

/// <summary>How section kinds are named to editors.</summary>
public static class SectionKinds
{
    public static string Name(SectionKind kind) => kind switch
    {
        SectionKind.FactList => "Fact list",
        SectionKind.CauseList => "Cause list",
        SectionKind.Summary => "Summary",
        _ => "Prose",
    };

    public static string Describe(SectionKind kind) => kind switch
    {
        SectionKind.FactList => "Fact list (text, then a list of facts)",
        SectionKind.CauseList => "Cause list (text, then titled causes)",
        SectionKind.Summary => "Summary",
        _ => "Prose",
    };
}

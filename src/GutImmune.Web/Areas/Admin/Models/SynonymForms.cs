using GutImmune.Web.Search;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>A synonym group as typed: phrases separated by commas.</summary>
public sealed class SynonymForm
{
    public string? Phrases { get; set; }
}

/// <summary>The synonym list with the form that adds a group.</summary>
public sealed record SynonymListPage(IReadOnlyList<SynonymGroup> Groups, SynonymForm NewGroup);

/// <summary>One group's edit page.</summary>
public sealed record SynonymEditPage(int Id, SynonymForm Group);

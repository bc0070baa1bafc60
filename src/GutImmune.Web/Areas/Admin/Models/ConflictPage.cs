using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// A save refused because someone else changed the same fields first. <paramref name="KeepMineAction"/> and
/// <paramref name="KeepMineFields"/> send the editor's form again against the current version (null when it cannot be).
/// </summary>
public sealed record ConflictPage(EditOutcome.Conflict Conflict, RevisionHistory.Comparison? Changes, string? KeepMineAction,
    IReadOnlyList<KeyValuePair<string, string>> KeepMineFields);

using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

public sealed record ConflictPage(EditOutcome.Conflict Conflict, RevisionHistory.Comparison? Changes, IReadOnlyList<KeyValuePair<string, string>> Submitted);

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>Move up, move down and delete buttons for one item of an ordered list (sections, facts, causes).</summary>
public sealed record MoveDeleteModel(string Url, int Version, string Label, bool IsFirst, bool IsLast);

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// Move up, move down and delete buttons for one item of an ordered list (sections, facts, causes): the item's
/// <paramref name="Controller"/> and <paramref name="RouteValues"/> name its Move and Delete actions.
/// </summary>
public sealed record MoveDeleteModel(string Controller, object RouteValues, int Version, string Label, bool IsFirst, bool IsLast);

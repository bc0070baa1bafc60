namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// A form's Markdown text of the article, whose citation markers number its references as the form showed them: sent
/// again from the conflict page, against the version saved since, its markers are put in that version's numbering.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CitesReferencesAttribute : Attribute;

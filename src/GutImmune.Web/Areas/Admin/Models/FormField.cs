namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// A form's field that shows problems with one part of the article: the form property, and how a message about it
/// starts ("The title" is required.).
/// </summary>
public sealed record FormField(string Property, string Label);

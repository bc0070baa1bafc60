using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>A Markdown textarea with its live preview (rendered by the reader pipeline, see PreviewController).</summary>
public sealed record MarkdownFieldModel(string Name, string Label, string? Value, int Rows, HtmlString? PreviewHtml = null, bool Required = false);

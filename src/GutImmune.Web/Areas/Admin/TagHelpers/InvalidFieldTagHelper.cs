using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GutImmune.Web.Areas.Admin.TagHelpers;

/// <summary>
/// Marks a form field that has validation errors with aria-invalid and describes it by its error message (the element
/// Views/Shared/_FieldErrors writes before the field, id <see cref="ErrorId"/>), so a screen reader announces both when
/// the field gets focus. A number or date field shows again what was sent, not the value its model was left at when
/// that could not be read ("abc" in a number field is neither lost nor shown as 0). A view that sets aria-invalid itself
/// (two fields of one name on a page) is left alone.
/// </summary>
[HtmlTargetElement("input", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the built-in input tag helpers, which set the name from asp-for.
    public override int Order => 1000;

    /// <summary>The id of the element holding the error messages of the field named <paramref name="name"/>: its id as
    /// Html.GenerateIdFromName makes it (with MVC's default "_" for dots), then "-error".</summary>
    public static string ErrorId(string name) => TagBuilder.CreateSanitizedId(name, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = output.Attributes["name"]?.Value?.ToString();
        if (name is null || output.Attributes.ContainsName("aria-invalid")
            || !ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
            return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var hint = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(hint) ? ErrorId(name) : $"{ErrorId(name)} {hint}");
        if (output.TagName == "input" && TakesNumberOrDate(output) && entry.AttemptedValue is { } sent)
            output.Attributes.SetAttribute("value", sent);
    }

    private static bool TakesNumberOrDate(TagHelperOutput input) =>
        input.Attributes["type"]?.Value?.ToString() is "number" or "date" or "datetime-local" or "time" or "month" or "week"
        || input.Attributes["inputmode"]?.Value?.ToString() is "numeric" or "decimal";
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GutImmune.Web.Areas.Admin.TagHelpers;

/// <summary>
/// Says that a field must be filled in before anyone submits the form (WCAG 3.3.2): for a property with [Required] the
/// label gets <see cref="Mark"/> (seen) and the field aria-required (heard with the field, whose name stays the label's
/// words). The fields of the writing page, which has no asp-for, do the same through their partials' <c>Required</c>.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class RequiredFieldTagHelper : TagHelper
{
    /// <summary>What a required field's label ends with.</summary>
    public const string Mark = "<span class=\"required-mark\" aria-hidden=\"true\"> (required)</span>";

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    // After MVC's label tag helper, which writes the display name into an empty label.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (!For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any())
            return;
        if (output.TagName != "label")
        {
            output.Attributes.SetAttribute("aria-required", "true");
            return;
        }
        if (!output.IsContentModified)
            output.Content.SetHtmlContent(await output.GetChildContentAsync());
        output.Content.AppendHtml(Mark);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace GutImmune.Web.Areas.Admin.TagHelpers;

/// <summary>
/// Says that a field must be filled in before anyone submits the form (WCAG 3.3.2): for a property with [Required] the
/// label ends with "(required)" (seen, hidden from screen readers) and the field gets aria-required (heard with the field,
/// whose name stays the label's words). A label without asp-for (the writing page's blocks, hand-written forms) asks for
/// the mark with <c>required-mark="true"</c>; its field then carries aria-required itself.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("label", Attributes = "required-mark")]
[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class RequiredFieldTagHelper : TagHelper
{
    private const string Mark = "<span class=\"required-mark\" aria-hidden=\"true\"> (required)</span>";

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName("required-mark")]
    public bool RequiredMark { get; set; }

    // After MVC's label tag helper, which writes the display name into an empty label.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (!RequiredMark && For?.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any() != true)
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

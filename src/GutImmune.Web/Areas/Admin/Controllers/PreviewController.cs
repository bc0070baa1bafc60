using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Live preview of Markdown fields (wwwroot/js/admin.js posts the text as the editor types).</summary>
[Authorize(Policy = Policies.EditContent)]
public class PreviewController(MarkdownPreview preview) : AdminController
{
    [HttpPost("/admin/articles/{id:int}/markdown-preview")]
    [CalledFromScript]
    [RequestSizeLimit(256 * 1024)]
    public async Task<IActionResult> Render(int id, [FromForm] string? markdown, CancellationToken cancellationToken)
    {
        var result = await preview.RenderAsync(id, markdown ?? "", cancellationToken);
        return PartialView("_PreviewResult", result);
    }
}

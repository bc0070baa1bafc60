using GutImmune.Web.Accounts;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>HTML pasted into a Markdown field (from Word, Google Docs, a web page), turned into Markdown for wwwroot/js/markdown-toolbar.js.</summary>
[Authorize(Policy = Policies.EditContent)]
public class PasteController : AdminController
{
    [HttpPost("/admin/markdown/from-html")]
    [CalledFromScript]
    [RequestSizeLimit(4 * 1024 * 1024)]
    public IActionResult FromHtml([FromForm] string? html, CancellationToken cancellationToken)
    {
        var conversion = PastedHtml.ToMarkdown(html ?? "", cancellationToken);
        return conversion.Problem is { } problem
            ? Problem(problem, statusCode: StatusCodes.Status422UnprocessableEntity)
            : Content(conversion.Markdown, "text/plain; charset=utf-8");
    }
}

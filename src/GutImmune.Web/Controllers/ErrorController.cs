using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

/// <summary>Error pages in the site layout: re-executed for 4xx/5xx status codes and for unhandled exceptions.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public class ErrorController : Controller
{
    [Route("error/{statusCode:int}")]
    public IActionResult Status(int statusCode)
    {
        Response.StatusCode = statusCode;
        return View(statusCode == StatusCodes.Status404NotFound ? "NotFound" : "Error", RequestId);
    }

    [Route("error")]
    public IActionResult Exception()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View("Error", RequestId);
    }

    private string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}

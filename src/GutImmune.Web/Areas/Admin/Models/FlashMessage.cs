using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// The one-line note an admin action leaves for the next page ("Saved.", "You are signed out."): set before a redirect,
/// shown once by the admin layout. The only place that knows where TempData keeps it.
/// </summary>
public static class FlashMessage
{
    private const string Key = "Message";

    public static void SetFlashMessage(this ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>The message left by the previous request, if any; reading it uses it up.</summary>
    public static string? TakeFlashMessage(this ITempDataDictionary tempData) => tempData[Key] as string;
}

using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GutImmune.Web.Controllers;

/// <summary>
/// The pages of the reader's paged lists (home, topics, search, sitemap): `?page=N` names a page only when the list has
/// it. Any other value (past the last page, 0, negative, not a number, too large for one) is a page that does not exist:
/// the site's not-found page, as for any other address that names nothing. Page 1 of an empty list is still a page.
/// </summary>
public static class ListPages
{
    public const string QueryKey = "page";

    /// <param name="asked">The bound page number (1 when the query has none, or a value that is no number).</param>
    /// <param name="shown">The page number of the list the query built (which clamps what it cannot read).</param>
    /// <param name="itemCount">How many items that page lists.</param>
    public static bool Exists(ModelStateDictionary modelState, int asked, int shown, int itemCount) =>
        modelState.GetFieldValidationState(QueryKey) != ModelValidationState.Invalid && asked == shown && (shown == 1 || itemCount > 0);
}

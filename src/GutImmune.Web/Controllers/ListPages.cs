using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Controllers;

/// <summary>
/// The pages of the reader's paged lists (home, topics, search, sitemap): `?page=N` names a page only when it is one
/// value written as the list's page number is in its links (decimal, no sign, padding or leading zero) and the list has
/// that page; an empty `page=` is the first page. A page number past the last page is a 404 that says so, with links to
/// the list's last and first pages (<see cref="PageOrNotFoundAsync"/>). Any other query (0, not a number, `02`, `0x2`, ` 2`)
/// names no page: the site's not-found page, as for any other address that names nothing. Page 1 of an empty list is
/// still a page. `page` given twice is a 400 before this (<see cref="OneValuePerQueryKeyAttribute"/>).
/// </summary>
public static class ListPages
{
    public const string PastTheEndView = "ListPageNotFound";

    public const string QueryKey = "page";

    /// <param name="shown">The page number of the list the query built (which clamps what it cannot read).</param>
    /// <param name="itemCount">How many items that page lists.</param>
    public static bool Exists(IQueryCollection query, int shown, int itemCount) =>
        Asked(query) == shown && (shown == 1 || itemCount > 0);

    /// <summary>
    /// The list's page (<paramref name="list"/>) when the query names one of its pages; when it names a page past the end,
    /// a 404 saying which page was asked for, how many there are (counting the list's <paramref name="pageSize"/>-item
    /// pages with <paramref name="countItemsAsync"/>, only then) and links to the last and the first; otherwise the
    /// not-found page.
    /// </summary>
    public static async Task<IActionResult> PageOrNotFoundAsync(this Controller controller, object list, int shown, int itemCount,
        Func<Task<int>> countItemsAsync, int pageSize, string firstPagePath)
    {
        var query = controller.Request.Query;
        if (Exists(query, shown, itemCount))
            return controller.View(list);
        if (Asked(query) is not { } asked || asked <= 1)
            return controller.NotFound();
        var itemTotal = await countItemsAsync();
        var pageCount = Math.Max(1, (int)((itemTotal + (long)pageSize - 1) / pageSize));
        var view = controller.View(PastTheEndView, new ListPageNotFound(asked, pageCount, firstPagePath, PathOf(firstPagePath, pageCount)));
        view.StatusCode = StatusCodes.Status404NotFound;
        return view;
    }

    /// <summary>
    /// The page number the query names: 1 without `page` or with it empty (`?page=`, as the output cache's key also takes
    /// it: otherwise the answer would depend on whether page 1 was cached), none when `page` is not one page number.
    /// </summary>
    private static int? Asked(IQueryCollection query)
    {
        if (!query.TryGetValue(QueryKey, out var values) || values.Count == 1 && string.IsNullOrEmpty(values[0]))
            return 1;
        return values.Count == 1 && values[0] is [>= '1' and <= '9', ..] value && value.All(char.IsAsciiDigit)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page)
                ? page
                : null;
    }

    /// <summary>The address of a list's page: its first page's own address without `page=1`.</summary>
    public static string PathOf(string firstPagePath, int pageNumber) =>
        pageNumber == 1 ? firstPagePath : $"{firstPagePath}{(firstPagePath.Contains('?') ? '&' : '?')}{QueryKey}={pageNumber}";
}

/// <summary>The page of a page number past a list's end (<see cref="ListPages.PageOrNotFoundAsync"/>).</summary>
public sealed record ListPageNotFound(int AskedPage, int PageCount, string FirstPageUrl, string LastPageUrl);

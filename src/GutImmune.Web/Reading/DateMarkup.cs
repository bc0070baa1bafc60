using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Reading;

/// <summary>A date as every page shows it: "4 November 2026", machine-readable in its time element.</summary>
public static class DateMarkup
{
    // A function rather than a partial view: an article page shows a dozen dates, and each partial costs a view lookup and context.
    public static IHtmlContent Time(DateOnly date) => new HtmlString(string.Create(CultureInfo.InvariantCulture,
        $"<time datetime=\"{date:yyyy-MM-dd}\">{date:d MMMM yyyy}</time>"));

    /// <summary>
    /// A UTC time as ISO 8601 to the second (`2026-12-01T09:30:00Z`), for metadata. The sortable format ("s") is the same
    /// text through the runtime's fast path; the custom pattern it replaces was 1 % of an uncached article's CPU.
    /// </summary>
    public static string Iso(DateTime utc) => string.Create(CultureInfo.InvariantCulture, $"{utc:s}Z");
}

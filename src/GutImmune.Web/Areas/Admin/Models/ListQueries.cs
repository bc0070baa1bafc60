using System.Globalization;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using GutImmune.Web.Publishing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// The search and filter of an admin list as it arrives in the query string, so a filtered page can be bookmarked.
/// Every value is read as text and checked here: one that makes no sense is left out with a message saying so, never
/// an error page.
/// </summary>
public abstract class ListQuery
{
    /// <summary>Longest search text used; longer input is cut.</summary>
    public const int MaxTextLength = 100;

    /// <summary>Highest page number taken; far past any real list, and its offset cannot overflow.</summary>
    public const int MaxPage = 1_000_000;

    public string? Page { get; set; }

    protected static int PageNumber(string? value, List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(value))
            return 1;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage)
            return page;
        ignored.Add($"“{Shorten(value)}” is not a page number, so the first page is shown.");
        return 1;
    }

    protected static string? SearchText(string? value, string label, List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim();
        if (text.Length <= MaxTextLength)
            return text;
        ignored.Add($"{label} was cut to its first {MaxTextLength} characters.");
        return text[..MaxTextLength];
    }

    protected static DateOnly? Date(string? value, string label, List<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        ignored.Add($"{label} “{Shorten(value)}” is not a date (YYYY-MM-DD), so it was left out.");
        return null;
    }

    protected static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>The query string of one page of a list, with only the values that were used.</summary>
    internal static IDictionary<string, string> RouteValues(int page, params (string Key, string? Value)[] values)
    {
        var result = values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
        if (page > 1)
            result["page"] = page.ToString(CultureInfo.InvariantCulture);
        return result;
    }
}

/// <summary>The articles list's query string: <c>q</c> (words in the title or slug), <c>status</c>, <c>page</c>.</summary>
public sealed class ArticleListQuery : ListQuery
{
    public string? Q { get; set; }
    public string? Status { get; set; }

    public static string Label(ArticleStatus status) => EditorialWorkflow.Label(status);

    /// <summary>The filter to use, and a message for each value left out.</summary>
    public (EditorialQueries.ArticleFilter Filter, IReadOnlyList<string> Ignored) Read()
    {
        var ignored = new List<string>();
        ArticleStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            status = Enum.GetValues<ArticleStatus>().Cast<ArticleStatus?>()
                .FirstOrDefault(s => s.ToString()!.Equals(Status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (status is null)
                ignored.Add($"There is no state “{Shorten(Status)}”, so articles in every state are shown.");
        }
        return (new EditorialQueries.ArticleFilter(SearchText(Q, "The search", ignored), status, PageNumber(Page, ignored)), ignored);
    }
}

/// <summary>The audit log's query string: <c>what</c> (an action), <c>who</c>, <c>text</c>, <c>from</c> and <c>to</c> (days, UTC), <c>page</c>.</summary>
public sealed class AuditLogQuery : ListQuery
{
    public string? What { get; set; }
    public string? Who { get; set; }
    public string? Text { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>The filter to use, and a message for each value left out.</summary>
    /// <param name="actions">The actions the log holds; any other is left out.</param>
    public (AuditLog.Filter Filter, IReadOnlyList<string> Ignored) Read(IReadOnlyList<string> actions)
    {
        var ignored = new List<string>();
        string? action = null;
        if (!string.IsNullOrWhiteSpace(What))
        {
            action = actions.FirstOrDefault(a => a == What.Trim());
            if (action is null)
                ignored.Add($"The log has no action “{Shorten(What)}”, so entries of every action are shown.");
        }
        var from = Date(From, "From", ignored);
        var to = Date(To, "To", ignored);
        if (from > to)
        {
            ignored.Add("The start date is after the end date, so both were left out.");
            (from, to) = (null, null);
        }
        return (new AuditLog.Filter(action, SearchText(Who, "Who", ignored), SearchText(Text, "The search", ignored), from, to, PageNumber(Page, ignored)),
            ignored);
    }
}

public sealed record ArticleListPage(EditorialQueries.ArticleFilter Filter, IReadOnlyList<string> Ignored,
    IReadOnlyList<EditorialQueries.ArticleRow> Rows, bool HasNextPage, DateTime Now)
{
    public EditorialState StateOf(EditorialQueries.ArticleRow row) => EditorialWorkflow.StateOf(row.Status, row.PublishedAt, Now);

    public bool IsFiltered => Filter.Text is not null || Filter.Status is not null;

    /// <summary>The query string of <paramref name="page"/> of this same list.</summary>
    public IDictionary<string, string> RouteValues(int page) =>
        ListQuery.RouteValues(page, ("q", Filter.Text), ("status", Filter.Status?.ToString().ToLowerInvariant()));
}

public sealed record AuditLogPage(AuditLog.Filter Filter, IReadOnlyList<string> Ignored, IReadOnlyList<string> Actions,
    IReadOnlyList<AuditLog.Row> Rows, bool HasNextPage)
{
    public bool IsFiltered => Filter is not { Action: null, Person: null, Text: null, From: null, To: null };

    /// <summary>The query string of <paramref name="page"/> of this same log.</summary>
    public IDictionary<string, string> RouteValues(int page) => ListQuery.RouteValues(page,
        ("what", Filter.Action), ("who", Filter.Person), ("text", Filter.Text),
        ("from", Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("to", Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}

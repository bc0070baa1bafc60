using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using GutImmune.Web.Content;
using GutImmune.Web.Controllers;

namespace GutImmune.Web.ContentApi;

/// <summary>The orders a client may list articles in; each ends with the article's id so no two rows tie.</summary>
public enum ArticleOrder
{
    /// <summary>Most recently modified first.</summary>
    DateModified,
    /// <summary>Most recently reviewed first; never reviewed last.</summary>
    LastReviewed,
    /// <summary>Soonest due for review first; without a due date last.</summary>
    NextReview,
}

/// <summary>Where the previous page ended: the last row's sort value (null for a row without one) and its article id.</summary>
public sealed record ArticleCursor(ArticleOrder Order, long? Value, int ArticleId)
{
    private const int MaxLength = 200;

    /// <summary>Opaque to clients: base64url of a small JSON object, so the format can change without breaking them.</summary>
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire((int)Order, Value, ArticleId)));

    public static ArticleCursor? Decode(string text)
    {
        if (text.Length > MaxLength)
            return null;
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            return wire is not null && Enum.IsDefined((ArticleOrder)wire.O) && wire.I > 0 && InRange((ArticleOrder)wire.O, wire.V)
                ? new ArticleCursor((ArticleOrder)wire.O, wire.V, wire.I)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Ticks of a modification time (never null), or the day number of a review date.</summary>
    private static bool InRange(ArticleOrder order, long? value) => order == ArticleOrder.DateModified
        ? value is >= 0 && value <= DateTime.MaxValue.Ticks
        : value is null || value >= DateOnly.MinValue.DayNumber && value <= DateOnly.MaxValue.DayNumber;

    public DateTime Modified => new(Value!.Value, DateTimeKind.Utc);

    public DateOnly? Day => Value is { } day ? DateOnly.FromDayNumber((int)day) : null;

    private sealed record Wire(int O, long? V, int I);
}

/// <summary>
/// The query of <c>GET /api/v1/articles</c>, read from text so that every bad value is answered with its parameter
/// named and what is expected, instead of a bare 400 from binding.
/// </summary>
public sealed record ArticleListRequest(
    string? Topic, DateTime? ModifiedSince, DateOnly? ReviewedSince, DateOnly? ReviewDueBefore, ArticleOrder Order, ArticleCursor? After, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const int MaxTopicLength = 200;

    /// <param name="query">The whole query, to tell a parameter given more than once: binding joins its values with commas.</param>
    public static (ArticleListRequest? Request, Dictionary<string, string[]> Errors) Parse(IQueryCollection query,
        string? topic, string? modifiedSince, string? reviewedSince, string? reviewDueBefore, string? orderBy, string? cursor, string? limit)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string parameter, string message) => errors[parameter] = [message];

        if (topic is { Length: > MaxTopicLength })
            Fail("topic", $"A topic slug is at most {MaxTopicLength} characters.");
        else if (!string.IsNullOrEmpty(topic) && !Slug.IsValid(topic))
            Fail("topic", "Expected a topic slug: lowercase letters, digits and single hyphens, e.g. gut-health.");
        DateTime? modified = null;
        if (modifiedSince is not null)
        {
            if (DateTimeOffset.TryParse(modifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                modified = parsed.UtcDateTime;
            else
                Fail("modifiedSince", "Expected a date and time in ISO 8601 form, e.g. 2025-01-31T09:00:00Z.");
        }
        var reviewed = Date("reviewedSince", reviewedSince);
        var due = Date("reviewDueBefore", reviewDueBefore);
        var order = ArticleOrder.DateModified;
        if (orderBy is not null && !TryOrder(orderBy, out order))
            Fail("orderBy", "Expected dateModified, lastReviewed or nextReview.");
        ArticleCursor? after = null;
        if (cursor is not null)
        {
            after = ArticleCursor.Decode(cursor);
            if (after is null)
                Fail("cursor", "Not a cursor this API gave out: pass nextCursor from the previous page unchanged.");
            else if (after.Order != order && !errors.ContainsKey("orderBy"))
                Fail("cursor", "This cursor belongs to another orderBy: pass the same orderBy as on the previous page.");
        }
        // .NET's number and date parsers skip trailing NULs ("1\0" reads as 1): a value with a control character is refused whole.
        foreach (var (parameter, value) in Parameters.Zip([topic, modifiedSince, reviewedSince, reviewDueBefore, orderBy, cursor, limit]))
            if (value is not null && value.Any(char.IsControl))
                Fail(parameter, "The value contains a control character (such as %00): send it without one.");
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            Fail("limit", $"Expected a whole number from 1 to {MaxLimit}.");
        // A client guessing numbered pages would otherwise get the first page again for every number.
        if (query.TryGetValue(PageNumberParameter, out var page))
            Fail(PageNumberParameter, $"There is no {(page.Count == 1 ? $"page {page}" : "numbered page")} of this list: it is paged by cursor, not by number. Its first page is " +
                $"{ArticleCatalog.BasePath}/articles (with the other parameters, without {PageNumberParameter}), and each page's next is the address of the page after it.");
        // Said last: what is wrong with the joined value ("1,2") is not what the client must change.
        foreach (var parameter in Parameters)
            if (query[parameter].Count is > 1 and var times)
                Fail(parameter, OneValuePerQueryKeyAttribute.Message(parameter, times));

        return errors.Count > 0
            ? (null, errors)
            : (new ArticleListRequest(string.IsNullOrEmpty(topic) ? null : topic, modified, reviewed, due, order, after, count), errors);

        DateOnly? Date(string parameter, string? value)
        {
            if (value is null)
                return null;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Fail(parameter, "Expected a date in the form yyyy-MM-dd, e.g. 2025-01-31.");
            return null;
        }
    }

    private const string PageNumberParameter = "page";

    /// <summary>The query parameters this list reads, in the order <see cref="Parse"/> takes them.</summary>
    private static readonly string[] Parameters = ["topic", "modifiedSince", "reviewedSince", "reviewDueBefore", "orderBy", "cursor", "limit"];

    private static bool TryOrder(string value, out ArticleOrder order)
    {
        order = value switch
        {
            "dateModified" => ArticleOrder.DateModified,
            "lastReviewed" => ArticleOrder.LastReviewed,
            "nextReview" => ArticleOrder.NextReview,
            _ => (ArticleOrder)(-1),
        };
        return Enum.IsDefined(order);
    }

    public static string Name(ArticleOrder order) => order switch
    {
        ArticleOrder.LastReviewed => "lastReviewed",
        ArticleOrder.NextReview => "nextReview",
        _ => "dateModified",
    };
}

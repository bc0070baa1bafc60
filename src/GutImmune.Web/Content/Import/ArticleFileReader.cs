using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import;

/// <summary>Reads an article file and checks it whole: either a valid article or every problem found in it.</summary>
public static partial class ArticleFileReader
{
    public sealed record Result(Article? Article, IReadOnlyList<ContentProblem> Problems)
    {
        public bool Succeeded => Article is not null;
    }

    public static Result Read(string json, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(json))
            return Failed(new ContentProblem("file", "is empty; expected an article object."));

        ArticleFile? file;
        var problems = new List<ContentProblem>();
        try
        {
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return Failed(new ContentProblem("file", "must hold one article object ({ ... })."));
                CollectUnknownFields(document.RootElement, typeof(ArticleFile), "", problems);
            }
            file = JsonSerializer.Deserialize<ArticleFile>(json, ArticleFile.JsonOptions);
        }
        catch (JsonException e)
        {
            return Failed(new ContentProblem(
                e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "file",
                $"line {(e.LineNumber ?? 0) + 1}: {Describe(e)}"));
        }
        if (file is null)
            return Failed(new ContentProblem("file", "is empty; expected an article object."));
        var nulls = NullItems(file).ToList();
        if (nulls.Count > 0)
            return new Result(null, [.. problems, .. nulls]);

        var article = file.ToArticle(utcNow);
        problems.AddRange(ArticleValidator.Validate(article));
        return problems.Count == 0 ? new Result(article, []) : new Result(null, problems);
    }

    private static Result Failed(ContentProblem problem) => new(null, [problem]);

    /// <summary>A null where the format has an object (a section, a cause, a reference) cannot become part of an article.</summary>
    private static IEnumerable<ContentProblem> NullItems(ArticleFile file)
    {
        var sections = file.Sections ?? [];
        for (var i = 0; i < sections.Count; i++)
        {
            if (sections[i] is null)
                yield return new ContentProblem($"sections[{i}]", "expected a section object ({ ... }), not null.");
            var causes = sections[i]?.Causes ?? [];
            for (var c = 0; c < causes.Count; c++)
            {
                if (causes[c] is null)
                    yield return new ContentProblem($"sections[{i}].causes[{c}]", "expected a cause object ({ ... }), not null.");
            }
        }
        var citations = file.Citations ?? [];
        for (var i = 0; i < citations.Count; i++)
        {
            if (citations[i] is null)
                yield return new ContentProblem($"citations[{i}]", "expected a reference object ({ ... }), not null.");
        }
    }

    /// <summary>Every field the format does not have, so a misspelt field is reported rather than silently dropped.</summary>
    private static void CollectUnknownFields(JsonElement element, Type type, string path, List<ContentProblem> problems)
    {
        if (element.ValueKind == JsonValueKind.Array && ItemType(type) is { } itemType)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
                CollectUnknownFields(item, itemType, $"{path}[{i++}]", problems);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object || type == typeof(string))
            return;
        foreach (var property in element.EnumerateObject())
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var clr = type.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (clr is null)
                problems.Add(new ContentProblem(field, $"is not a field of the article file format (known here: {KnownFields(type)})."));
            else
                CollectUnknownFields(property.Value, Nullable.GetUnderlyingType(clr.PropertyType) ?? clr.PropertyType, field, problems);
        }
    }

    private static Type? ItemType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;

    private static string KnownFields(Type type) => string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?(?<type>[\w.+`\[\]]+)")]
    private static partial Regex ConversionTarget();

    // System.Text.Json's messages name .NET types; say what kind of value the field takes instead.
    private static string Describe(JsonException e)
    {
        var target = ConversionTarget().Match(e.Message);
        if (!target.Success)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            return cut > 0 ? e.Message[..cut] : e.Message;
        }
        var name = target.Groups["type"].Value;
        return name switch
        {
            _ when name.Contains("Int32") => "expected a whole number.",
            _ when name.Contains("DateOnly") => "expected a date like \"2020-05-09\".",
            _ when name.Contains("DateTime") => "expected a date and time like \"2020-05-09T10:00:00Z\".",
            _ when name.Contains(nameof(ArticleStatus)) => $"expected one of: {EnumWords<ArticleStatus>()}.",
            _ when name.Contains(nameof(SectionKind)) => $"expected one of: {EnumWords<SectionKind>()}.",
            _ when name.Contains(nameof(CitationKind)) => $"expected one of: {EnumWords<CitationKind>()}.",
            _ when name.Contains("List") => "expected a list ([ ... ]).",
            _ when name.Contains("String") => "expected text in quotes.",
            _ => "expected an object ({ ... }).",
        };
    }

    private static string EnumWords<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}

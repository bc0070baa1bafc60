using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import;

/// <summary>
/// Reads an article file and checks it whole: either a valid article or every problem found in it. The JSON tree is
/// read field by field against <see cref="ArticleFile"/>, so a misspelt field or a wrong kind of value is reported
/// with every other problem instead of stopping the reading.
/// </summary>
public static partial class ArticleFileReader
{
    /// <summary>How many problems a result lists; the rest are only counted, so a hostile file cannot make a huge answer.</summary>
    public const int MaxListedProblems = 100;

    /// <param name="Problems">The first <see cref="MaxListedProblems"/> problems.</param>
    /// <param name="ProblemCount">How many problems were found in all.</param>
    public sealed record Result(Article? Article, IReadOnlyList<ContentProblem> Problems, int ProblemCount)
    {
        public bool Succeeded => Article is not null;

        /// <summary>The library images the file describes (its <c>images</c>), to be found in this site's library on import.</summary>
        public IReadOnlyList<ArticleFile.ImagePart> Images { get; init; } = [];
    }

    public static Result Read(string json, DateTime utcNow) => Read(json, utcNow, judgeContent: true);

    /// <summary>
    /// Reads a snapshot the site wrote itself (a revision, a reader edition) as it was saved: its shape is checked, its
    /// content is not judged again by today's rules, which may be newer than it. A rule added since would otherwise make
    /// the version unreadable (a sign-off of it "no longer kept", its references gone from the reader's list); the
    /// content is judged when it is saved, submitted or published again.
    /// </summary>
    public static Result ReadStored(string json, DateTime utcNow) => Read(json, utcNow, judgeContent: false);

    private static Result Read(string json, DateTime utcNow, bool judgeContent)
    {
        if (string.IsNullOrWhiteSpace(json))
            return Failed("The file is empty; expected an article object ({ ... }).");

        using var document = Parse(json, out var syntaxProblem);
        if (document is null)
            return Failed(syntaxProblem!);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return Failed("The file must hold one article object ({ ... }).");

        var problems = new Problems();
        var file = (ArticleFile)ReadObject(document.RootElement, typeof(ArticleFile), ContentPlace.Article, problems);
        // Past the cap the file's shape is wrong throughout; judging its content as well would only cost time.
        if (problems.Count > MaxListedProblems)
            return problems.ToResult();

        var article = file.ToArticle(utcNow);
        if (judgeContent)
            foreach (var problem in ArticleValidator.Validate(article, citationNumbersKnown: !problems.CitationNumberUnread).Where(p => !problems.Hides(p.Place)))
                problems.Add(problem.Place, problem.Message);
        CheckImages(file.Images ?? [], problems);
        return problems.Count == 0 ? new Result(article, [], 0) { Images = file.Images ?? [] } : problems.ToResult();
    }

    /// <summary>Each described image needs its number and something that identifies it; the texts only name it in messages.</summary>
    private static void CheckImages(List<ArticleFile.ImagePart> images, Problems problems)
    {
        var numbers = new HashSet<int>();
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            ContentPlace Field(ImagePart field) => new ContentPlace.Image(i, field);
            if (problems.Hides(new ContentPlace.Image(i)))
                continue;
            if (image.MediaId is not { } number)
            {
                if (!problems.Hides(Field(ImagePart.MediaId)))
                    problems.Add(Field(ImagePart.MediaId), "is required: the number heroImage.mediaId and media:N in the texts give this image.");
            }
            else if (number < 1)
                problems.Add(Field(ImagePart.MediaId), "must be a whole number from 1 up.");
            else if (!numbers.Add(number))
                problems.Add(Field(ImagePart.MediaId), $"image {number} is described twice; keep one.");
            if (image.UploadHash is { } hash && !Hexadecimal(hash, 64))
                problems.Add(Field(ImagePart.UploadHash), "expected the SHA-256 of the uploaded file: 64 hexadecimal digits.");
            if (image.Fingerprint is { } fingerprint && !Hexadecimal(fingerprint, 16))
                problems.Add(Field(ImagePart.Fingerprint), "expected the image's fingerprint: 16 hexadecimal digits.");
            if (image.UploadHash is null && image.Fingerprint is null && !problems.Hides(Field(ImagePart.UploadHash)) && !problems.Hides(Field(ImagePart.Fingerprint)))
                problems.Add(new ContentPlace.Image(i), "says nothing that identifies the image: give its uploadHash or its fingerprint (an export gives both).");
            if (image.Alt?.Length > ContentLimits.ShortText)
                problems.Add(Field(ImagePart.Alt), $"can be at most {ContentLimits.ShortText} characters long.");
            if (image.FileName?.Length > ContentLimits.ShortText)
                problems.Add(Field(ImagePart.FileName), $"can be at most {ContentLimits.ShortText} characters long.");
        }
    }

    private static bool Hexadecimal(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigit);

    private static Result Failed(string message) => new(null, [new ContentProblem(message)], 1);

    private static JsonDocument? Parse(string json, out string? problem)
    {
        try
        {
            problem = null;
            // The format is JSON as written by export: no comments, no comma after the last item, as any other JSON reader expects.
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            problem = $"The file is not valid JSON: {Where(json, e)} — {Describe(e.Message)}.";
            return null;
        }
    }

    /// <summary>The problems found so far: the first ones in full, the rest counted without building their messages.</summary>
    private sealed class Problems
    {
        private readonly List<ContentProblem> listed = [];
        private readonly List<ContentPlace> wrongValues = [];
        private readonly HashSet<ContentPlace> unjudged = [];

        public int Count { get; private set; }

        /// <summary>Whether a reference's number was of the wrong kind (read as 0), so that its markers cannot be matched.</summary>
        public bool CitationNumberUnread { get; private set; }

        public void Add(ContentPlace place, string message) => Add(place, () => message);

        public void Add(ContentPlace place, Func<string> message)
        {
            if (++Count <= MaxListedProblems)
                listed.Add(new ContentProblem(place, message()));
        }

        /// <summary>A value of the wrong kind, read as missing: what the validator then says about that place would only repeat it.</summary>
        public void AddWrongValue(ContentPlace place, Func<string> message)
        {
            Add(place, message);
            wrongValues.Add(place);
            if (place is ContentPlace.Citation { Field: CitationPart.Number or null })
                CitationNumberUnread = true;
            // A section's kind decides whether it may have a body, facts or causes; with the kind unknown they cannot be judged.
            if (place is ContentPlace.Section { Field: SectionPart.Kind } section)
                unjudged.UnionWith([section with { Field = SectionPart.Body }, section with { Field = SectionPart.Facts }, section with { Field = SectionPart.Causes }]);
        }

        /// <summary>Whether <paramref name="place"/> is, or lies within, a value already reported as of the wrong kind.</summary>
        public bool Hides(ContentPlace place) => unjudged.Contains(place) || wrongValues.Any(place.IsWithin);

        public Result ToResult() => new(null, listed, Count);
    }

    private static object ReadObject(JsonElement element, Type type, ContentPlace place, Problems problems)
    {
        var instance = Activator.CreateInstance(type)!;
        var seen = new HashSet<PropertyInfo>();
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                problems.Add(place, $"a field name {InvalidEscape(LoneSurrogateEscape(property.ToString()) ?? "")}");
                continue;
            }
            var clr = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (clr is null)
                problems.Add(new ContentPlace.FileField(place, name), () => $"is not a field of the article file format (known here: {KnownFields(type)}).");
            else if (!seen.Add(clr))
                problems.Add(new ContentPlace.FileField(place, name), "appears twice in the same object; keep one.");
            else
                clr.SetValue(instance, ReadValue(property.Value, clr.PropertyType, FieldOf(place, clr.Name), problems));
        }
        return instance;
    }

    /// <summary>The property's name; none when it holds a lone surrogate escape, which no text can hold.</summary>
    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The place of the field <paramref name="name"/> (an <see cref="ArticleFile"/> property) of the object at <paramref name="place"/>.</summary>
    private static ContentPlace FieldOf(ContentPlace place, string name) => place switch
    {
        ContentPlace.Whole => new ContentPlace.ArticleField(Enum.Parse<ArticlePart>(name)),
        ContentPlace.ArticleField { Field: ArticlePart.Author or ArticlePart.HeroImage } part =>
            new ContentPlace.ArticleField(Enum.Parse<ArticlePart>(part.Field + name)),
        ContentPlace.Section section => section with { Field = Enum.Parse<SectionPart>(name) },
        ContentPlace.Cause cause => cause with { Field = Enum.Parse<CausePart>(name) },
        ContentPlace.Citation citation => citation with { Field = Enum.Parse<CitationPart>(name) },
        ContentPlace.NoCitationNeededMark mark => mark with { Field = Enum.Parse<NoCitationNeededPart>(name) },
        ContentPlace.Image image => image with { Field = Enum.Parse<ImagePart>(name) },
        _ => throw new ArgumentException($"{place.FilePath} holds no fields.", nameof(place)),
    };

    /// <summary>The place of item <paramref name="index"/> of the list at <paramref name="place"/>.</summary>
    private static ContentPlace ItemOf(ContentPlace place, int index) => place switch
    {
        ContentPlace.ArticleField { Field: ArticlePart.Topics } => new ContentPlace.Topic(index),
        ContentPlace.ArticleField { Field: ArticlePart.Sections } => new ContentPlace.Section(index),
        ContentPlace.ArticleField { Field: ArticlePart.Citations } => new ContentPlace.Citation(index),
        ContentPlace.ArticleField { Field: ArticlePart.NoCitationNeeded } => new ContentPlace.NoCitationNeededMark(index),
        ContentPlace.ArticleField { Field: ArticlePart.Images } => new ContentPlace.Image(index),
        ContentPlace.Section { Field: SectionPart.Facts } section => new ContentPlace.Fact(section.Index, index),
        ContentPlace.Section { Field: SectionPart.Causes } section => new ContentPlace.Cause(section.Index, index),
        _ => throw new ArgumentException($"{place.FilePath} is not a list.", nameof(place)),
    };

    private static object? ReadValue(JsonElement value, Type type, ContentPlace place, Problems problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                problems.AddWrongValue(place, () => $"expected {Expected(type)}, not null.");
            return null;
        }
        if (IsPart(type))
        {
            if (value.ValueKind == JsonValueKind.Object)
                return ReadObject(value, type, place, problems);
            problems.AddWrongValue(place, () => $"expected {Expected(type)}.");
            return null;
        }
        if (ItemType(type) is { } itemType)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.AddWrongValue(place, () => $"expected {Expected(type)}.");
                return null;
            }
            var list = (IList)Activator.CreateInstance(type)!;
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemPlace = ItemOf(place, i++);
                // A missing section or reference would shift the numbering of all that follow: keep an empty one in its place.
                list.Add(IsPart(itemType) && item.ValueKind != JsonValueKind.Object
                    ? Placeholder(itemType, itemPlace, item.ValueKind == JsonValueKind.Null ? "not null" : "", problems)
                    : ReadValue(item, itemType, itemPlace, problems));
            }
            return list;
        }
        try
        {
            return value.Deserialize(type, ArticleFile.JsonOptions);
        }
        catch (JsonException)
        {
            problems.AddWrongValue(place, () => WrongValue(value, type));
            return null;
        }
    }

    /// <summary>Why <paramref name="value"/> does not read as <paramref name="type"/>, where the plain "expected ..." would mislead.</summary>
    private static string WrongValue(JsonElement value, Type type)
    {
        if (LoneSurrogateEscape(value.GetRawText()) is { } escape)
            return $"the text {InvalidEscape(escape)}";
        if ((Nullable.GetUnderlyingType(type) ?? type) != typeof(int))
            return $"expected {Expected(type)}.";
        var raw = value.GetRawText();
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return $"expected a whole number, not text in quotes: write {value.GetString()!.Trim()} without the quotes.";
        if (value.ValueKind != JsonValueKind.Number)
            return $"expected {Expected(type)}.";
        if (!value.TryGetDouble(out var number) || Math.Abs(number) > int.MaxValue)
            return $"expected a whole number; {raw} is too {(raw.StartsWith('-') ? "small" : "large")}.";
        return $"expected a whole number, not {raw}.";
    }

    private static string InvalidEscape(string escape) =>
        $"holds an invalid character escape, {escape}: a lone surrogate, one half of a pair of \\u escapes that together write " +
        "one character (such as \\ud83d\\ude00). Write the character itself, or both halves.";

    /// <summary>
    /// The first \uXXXX escape in <paramref name="json"/> (valid JSON text) that is half of a surrogate pair without its
    /// other half: the parser accepts it, but it is no character, and reading it as text fails.
    /// </summary>
    private static string? LoneSurrogateEscape(string json)
    {
        for (var i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
                continue;
            if (json[i + 1] != 'u')
            {
                i++;
                continue;
            }
            var unit = EscapedUnit(json, i);
            if (char.IsHighSurrogate(unit) && i + 12 <= json.Length && json.AsSpan(i + 6).StartsWith("\\u") && char.IsLowSurrogate(EscapedUnit(json, i + 6)))
                i += 11;
            else if (char.IsSurrogate(unit))
                return json.Substring(i, 6);
            else
                i += 5;
        }
        return null;
    }

    private static char EscapedUnit(string json, int escape) => (char)ushort.Parse(json.AsSpan(escape + 2, 4), NumberStyles.HexNumber);

    private static object Placeholder(Type type, ContentPlace place, string not, Problems problems)
    {
        problems.AddWrongValue(place, () => not.Length == 0 ? $"expected {Expected(type)}." : $"expected {Expected(type)}, {not}.");
        return Activator.CreateInstance(type)!;
    }

    private static bool IsPart(Type type) => type.IsClass && type != typeof(string) && ItemType(type) is null;

    private static Type? ItemType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;

    private static readonly ConcurrentDictionary<Type, string> knownFields = new();

    private static string KnownFields(Type type) => knownFields.GetOrAdd(type, t => string.Join(", ",
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))));

    /// <summary>What a field of this type takes, in the words of the file format rather than .NET's.</summary>
    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(string) => "text in quotes",
            _ when type == typeof(DateOnly) => "a date like \"2020-05-09\"",
            _ when type == typeof(DateTime) => "a date and time like \"2020-05-09T10:00:00Z\"",
            _ when type == typeof(ArticleStatus) => $"one of: {EnumWords<ArticleStatus>()}",
            _ when type == typeof(SectionKind) => $"one of: {EnumWords<SectionKind>()}",
            _ when type == typeof(CitationKind) => $"one of: {EnumWords<CitationKind>()}",
            _ when type == typeof(EvidenceType) => $"one of: {EnumWords<EvidenceType>()}",
            _ when type == typeof(ArticleFile.MarkPart) => "a mark object ({ \"claim\": ..., \"reason\": ... })",
            _ when type == typeof(ArticleFile.ImagePart) => "an image object ({ \"mediaId\": ..., \"uploadHash\": ... })",
            _ when type == typeof(ArticleFile.SectionPart) => "a section object ({ ... })",
            _ when type == typeof(ArticleFile.CausePart) => "a cause object ({ ... })",
            _ when type == typeof(ArticleFile.CitationPart) => "a reference object ({ ... })",
            _ when type == typeof(ArticleFile.AuthorNames) => "a list of names in quotes ([\"Vighi G\", \"Marcucci F\"])",
            _ when type == typeof(bool) => "true or false",
            _ when ItemType(type) is not null => "a list ([ ... ])",
            _ => "an object ({ ... })",
        };
    }

    private static string EnumWords<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>"line 3, character 12", both counted from 1 (the parser counts from 0, and in bytes within the line).</summary>
    private static string Where(string json, JsonException e)
    {
        var line = (int)(e.LineNumber ?? 0);
        var start = 0;
        for (var i = 0; i < line && start >= 0; i++)
            start = json.IndexOf('\n', start) is var n and >= 0 ? n + 1 : -1;
        if (start < 0)
            return $"line {line + 1}";
        var bytes = (int)(e.BytePositionInLine ?? 0);
        var characters = 0;
        var used = 0;
        for (var i = start; i < json.Length && used < bytes; i += char.IsSurrogatePair(json, i) ? 2 : 1, characters++)
            used += Encoding.UTF8.GetByteCount(json.AsSpan(i, char.IsSurrogatePair(json, i) ? 2 : 1));
        return $"line {line + 1}, character {characters + 1}";
    }

    [GeneratedRegex(@"^(?<found>'.*?'|.*?) is invalid after a value")]
    private static partial Regex AfterValue();

    [GeneratedRegex(@"^(?<found>'.*?') is an invalid start of a value")]
    private static partial Regex StartOfValue();

    // The parser's messages name its own terms and positions; say what is wrong in the file's terms instead.
    private static string Describe(string message) => message switch
    {
        _ when message.StartsWith("'/'") => "found '/': JSON has no comments (// or /* */), remove them",
        _ when message.Contains("trailing comma") => "a comma after the last field or item is not allowed in JSON, remove it",
        _ when AfterValue().Match(message) is { Success: true } m => $"found {m.Groups["found"].Value} where a comma or a closing brace or bracket should follow the value before it",
        _ when StartOfValue().Match(message) is { Success: true } m => $"found {m.Groups["found"].Value} where a value should be (text in quotes, a number, true, false, null, {{ ... }} or [ ... ])",
        _ when message.Contains("after a property name") => "expected a colon (:) after the field name",
        _ when message.Contains("invalid start of a property name") => "expected a field name in double quotes",
        _ when message.Contains("Expected depth to be zero") => "the file ends before every { or [ is closed",
        _ when message.Contains("reached end of data") => "the file ends in the middle of a value",
        _ when message.Contains("after a single JSON value") => "there is more after the article's closing brace",
        _ when message.Contains("invalid within a JSON string") => "a line break or tab inside text in quotes must be written as \\n or \\t",
        _ when message.Contains("invalid escapable character") => "a backslash inside text in quotes must start an escape such as \\n, \\\" or \\\\ (write \\\\ for a backslash)",
        _ when message.Contains("maximum configured depth") => "objects and lists are nested too deeply",
        _ => "the JSON syntax is broken here",
    };
}

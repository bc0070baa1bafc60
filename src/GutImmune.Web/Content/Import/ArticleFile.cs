using System.Text.Json;
using System.Text.Json.Serialization;

namespace GutImmune.Web.Content.Import;

/// <summary>
/// The article file format (JSON): what seeds the database, what import reads and export writes. Field names are
/// the camelCase of these properties; see Data/Seed/gut-immune-system-connection.json for a whole example.
/// </summary>
public sealed class ArticleFile
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public AuthorPart? Author { get; set; }
    public HeroImagePart? HeroImage { get; set; }
    public ArticleStatus? Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public DateOnly? LastReviewedOn { get; set; }
    public string? ReviewedBy { get; set; }
    public DateOnly? NextReviewDue { get; set; }
    /// <summary>Topic names, e.g. "Gut health"; topics are matched by their slug and created when new.</summary>
    public List<string>? Topics { get; set; }
    public List<SectionPart>? Sections { get; set; }
    public List<CitationPart>? Citations { get; set; }
    public string? Disclaimer { get; set; }
    /// <summary>Claims marked as needing no citation: the claim's text as the content checks read it, and why.</summary>
    public List<MarkPart>? NoCitationNeeded { get; set; }
    /// <summary>
    /// What identifies each library image the file refers to (heroImage.mediaId, `media:N` in its texts), so that an import
    /// on another site finds its own copy. A number not described here (a hand-written file, or one exported before
    /// images were described) means the image with that number in the importing site's library.
    /// </summary>
    public List<ImagePart>? Images { get; set; }

    public sealed class MarkPart
    {
        public string? Claim { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class AuthorPart
    {
        public string? Name { get; set; }
        public string? Credentials { get; set; }
    }

    public sealed class HeroImagePart
    {
        public string? Url { get; set; }
        public string? Alt { get; set; }
        public string? Caption { get; set; }
        /// <summary>The hero image's id in the media library.</summary>
        public int? MediaId { get; set; }
    }

    public sealed class ImagePart
    {
        /// <summary>The number the file's heroImage.mediaId and `media:N` references give the image.</summary>
        public int? MediaId { get; set; }
        /// <summary>The SHA-256 (hex) of the file as uploaded (<see cref="Media.MediaImage.UploadHash"/>); none for an image uploaded before uploads were hashed.</summary>
        public string? UploadHash { get; set; }
        /// <summary>The cleaned original's content hash (<see cref="Media.MediaImage.Fingerprint"/>).</summary>
        public string? Fingerprint { get; set; }
        /// <summary>The image's alt text and file name in the library it was exported from, to name it in messages.</summary>
        public string? Alt { get; set; }
        public string? FileName { get; set; }
    }

    public sealed class SectionPart
    {
        public string? Slug { get; set; }
        public string? Heading { get; set; }
        public SectionKind? Kind { get; set; }
        public string? Body { get; set; }
        public List<string>? Facts { get; set; }
        public List<CausePart>? Causes { get; set; }
    }

    public sealed class CausePart
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    public sealed class CitationPart
    {
        public int Number { get; set; }
        public CitationKind? Kind { get; set; }
        /// <summary>["Vighi G", "Marcucci F"]; files written before authors were structured hold "Vighi G, et al.".</summary>
        public AuthorNames? Authors { get; set; }
        /// <summary>Whether more authors follow the names.</summary>
        public bool? EtAl { get; set; }

        /// <summary>The authors as a reference holds them (the text of files written before they were structured read as names).</summary>
        public ReferenceAuthors ReadAuthors() => Authors?.Text is { } text
            ? ReferenceAuthors.FromText(text)
            : new ReferenceAuthors((Authors?.Names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0), EtAl ?? false);
        public string? Title { get; set; }
        public string? Source { get; set; }
        public int? Year { get; set; }
        public string? DateDetail { get; set; }
        public string? Volume { get; set; }
        public string? Issue { get; set; }
        public string? Pages { get; set; }
        public string? Doi { get; set; }
        public string? Pmid { get; set; }
        public string? Url { get; set; }
        public DateOnly? AccessedOn { get; set; }
        public EvidenceType? Evidence { get; set; }

        /// <summary>The reference this part describes, blank fields left out.</summary>
        public Citation ToCitation() => new()
        {
            Number = Number,
            Kind = Kind ?? CitationKind.JournalArticle,
            Authors = ReadAuthors(),
            Title = Title?.Trim() ?? "",
            Source = Blank(Source),
            Year = Year,
            DateDetail = Blank(DateDetail),
            Volume = Blank(Volume),
            Issue = Blank(Issue),
            Pages = Blank(Pages),
            Doi = Blank(Doi),
            Pmid = Blank(Pmid),
            Url = Blank(Url),
            AccessedOn = AccessedOn,
            Evidence = Evidence ?? EvidenceType.NotClassified,
        };
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // The web defaults read "2020" as a number; the file format writes numbers without quotes and reads them so.
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Builds the entity graph this file describes, in file order; the caller validates it.</summary>
    public Article ToArticle(DateTime utcNow)
    {
        var status = Status ?? ArticleStatus.Draft;
        return new Article
        {
            Slug = Slug?.Trim() ?? "",
            Title = Title?.Trim() ?? "",
            Summary = Summary?.Trim() ?? "",
            AuthorName = Author?.Name?.Trim() ?? "",
            AuthorCredentials = Blank(Author?.Credentials),
            HeroImageUrl = Blank(HeroImage?.Url),
            HeroImageAlt = Blank(HeroImage?.Alt),
            HeroImageCaption = Blank(HeroImage?.Caption),
            HeroMediaId = HeroImage?.MediaId,
            Status = status,
            PublishedAt = PublishedAt?.ToUniversalTime() ?? (status == ArticleStatus.Published ? utcNow : null),
            UpdatedAt = UpdatedAt?.ToUniversalTime() ?? utcNow,
            CreatedAt = utcNow,
            LastReviewedOn = LastReviewedOn,
            ReviewedBy = Blank(ReviewedBy),
            NextReviewDue = NextReviewDue,
            Disclaimer = Blank(Disclaimer),
            Topics = (Topics ?? []).Select(name => new Topic { Name = name?.Trim() ?? "", Slug = Content.Slug.From(name ?? "") }).ToList(),
            Sections = (Sections ?? []).Select((s, i) => new Section
            {
                Position = i + 1,
                Slug = s.Slug?.Trim() ?? "",
                Heading = s.Heading?.Trim() ?? "",
                Kind = s.Kind ?? SectionKind.Prose,
                Body = s.Body?.Trim() ?? "",
                Facts = (s.Facts ?? []).Select((text, f) => new Fact { Position = f + 1, Text = text?.Trim() ?? "" }).ToList(),
                Causes = (s.Causes ?? []).Select((c, k) => new Cause
                {
                    Position = k + 1,
                    Title = c.Title?.Trim() ?? "",
                    Description = c.Description?.Trim() ?? "",
                }).ToList(),
            }).ToList(),
            Citations = (Citations ?? []).Select(c => c.ToCitation()).ToList(),
            NoCitationNeeded = (NoCitationNeeded ?? []).Select(m => new Content.NoCitationNeeded(m.Claim?.Trim() ?? "", m.Reason?.Trim() ?? "")).ToList(),
        };
    }

    /// <summary>A reference's author names: a list of names, or (in files written before they were structured) one text.</summary>
    [JsonConverter(typeof(AuthorNamesConverter))]
    public readonly record struct AuthorNames(IReadOnlyList<string>? Names, string? Text);

    private sealed class AuthorNamesConverter : JsonConverter<AuthorNames>
    {
        public override AuthorNames Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => new AuthorNames(null, reader.GetString()),
            JsonTokenType.StartArray => new AuthorNames(JsonSerializer.Deserialize<List<string>>(ref reader, options)!.Select(n => n ?? "").ToList(), null),
            _ => throw new JsonException("Expected a list of names or text."),
        };

        public override void Write(Utf8JsonWriter writer, AuthorNames value, JsonSerializerOptions options)
        {
            if (value.Names is { } names)
                JsonSerializer.Serialize(writer, names, options);
            else
                writer.WriteStringValue(value.Text);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

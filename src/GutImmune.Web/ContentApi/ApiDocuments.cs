using System.Text.Json.Serialization;

namespace GutImmune.Web.ContentApi;

// What the content API answers: schema.org shapes (https://schema.org/MedicalWebPage) built from reader editions,
// never entities. Markdown travels with its rendered HTML so a client can use either.

/// <summary>One page of articles and the cursor for the next (null on the last page).</summary>
public sealed record ApiArticleList(IReadOnlyList<ApiArticleSummary> Items, string? NextCursor, string? Next);

public sealed record ApiArticleSummary(
    string Identifier,
    string Name,
    string Description,
    string Url,
    string ApiUrl,
    DateTime DatePublished,
    DateTime DateModified,
    DateOnly? LastReviewed,
    DateOnly? NextReview,
    IReadOnlyList<string> Topics);

public sealed record ApiTopicList(IReadOnlyList<ApiTopic> Items);

public sealed record ApiTopic(string Identifier, string Name, int ArticleCount, string ArticlesUrl);

public sealed record ApiPerson(string Name, string? Description)
{
    [JsonPropertyName("@type")] public string Type => "Person";

    /// <summary>Their profile's address; absent (not required by the schema) for a person without a profile.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Url { get; init; }
}

public sealed record ApiOrganization(string Name, string Url)
{
    [JsonPropertyName("@type")] public string Type => "Organization";
}

public sealed record ApiThing(string Identifier, string Name, string ArticlesUrl)
{
    [JsonPropertyName("@type")] public string Type => "Thing";
}

public sealed record ApiFact(string Markdown, string Html);

public sealed record ApiCause(string Name, string Anchor, string Markdown, string Html);

public sealed record ApiMarkup(string Markdown, string Html);

/// <summary>A section of an article (schema.org WebPageElement), as the article's <c>hasPart</c>.</summary>
public sealed record ApiSection(
    string Identifier,
    string Name,
    string Kind,
    string Url,
    string ApiUrl,
    string Markdown,
    string Html,
    IReadOnlyList<ApiFact> Facts,
    IReadOnlyList<ApiCause> Causes)
{
    [JsonPropertyName("@type")] public string Type => "WebPageElement";
}

/// <summary>A numbered reference, structured (schema.org ScholarlyArticle, Book or WebPage), with its AMA citation as HTML.</summary>
public sealed record ApiReference(
    [property: JsonPropertyName("@type")] string Type,
    int Position,
    string Name,
    string Author,
    string? Source,
    int? DatePublished,
    string? Volume,
    string? Issue,
    string? Pages,
    string? Doi,
    string? Pmid,
    string? Url,
    DateOnly? AccessedOn,
    IReadOnlyList<string> SameAs,
    string Html);

/// <summary>An article as schema.org MedicalWebPage JSON-LD.</summary>
public sealed record ApiMedicalWebPage(
    [property: JsonPropertyName("@id")] string Id,
    string Url,
    string Identifier,
    string Name,
    string Headline,
    string Description,
    string InLanguage,
    ApiPerson Author,
    ApiPerson? ReviewedBy,
    ApiOrganization Publisher,
    DateTime DatePublished,
    DateTime DateModified,
    DateOnly? LastReviewed,
    DateOnly? NextReview,
    ApiImage? Image,
    IReadOnlyList<ApiThing> About,
    IReadOnlyList<ApiSection> HasPart,
    IReadOnlyList<ApiReference> Citation,
    ApiMarkup? Disclaimer,
    string? License,
    string CreditText)
{
    [JsonPropertyName("@context")] public string Context => "https://schema.org";
    [JsonPropertyName("@type")] public string Type => "MedicalWebPage";
}

/// <summary>
/// The article's hero image (schema.org ImageObject): a media library image as a JPEG at its largest rendition, with its
/// size and alt text; an address an editor typed has no known size.
/// </summary>
public sealed record ApiImage(string Url, int? Width, int? Height, string Alt, string? Caption, string? CreditText)
{
    [JsonPropertyName("@type")] public string Type => "ImageObject";
}

/// <summary>The page a section belongs to.</summary>
public sealed record ApiPageReference([property: JsonPropertyName("@id")] string Id, string Identifier, string Name, string ApiUrl)
{
    [JsonPropertyName("@type")] public string Type => "MedicalWebPage";
}

/// <summary>One section on its own (schema.org WebPageElement), with the references it cites and its article's dates.</summary>
public sealed record ApiSectionDocument(
    string Identifier,
    string Name,
    string Kind,
    string Url,
    string ApiUrl,
    string Markdown,
    string Html,
    IReadOnlyList<ApiFact> Facts,
    IReadOnlyList<ApiCause> Causes,
    ApiPageReference IsPartOf,
    IReadOnlyList<ApiReference> Citation,
    DateTime DateModified,
    DateOnly? LastReviewed,
    string? License,
    string CreditText)
{
    [JsonPropertyName("@context")] public string Context => "https://schema.org";
    [JsonPropertyName("@type")] public string Type => "WebPageElement";
}

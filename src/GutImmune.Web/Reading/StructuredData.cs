using System.Text.Json;
using System.Text.Json.Nodes;
using GutImmune.Web.Content;
using GutImmune.Web.People;

namespace GutImmune.Web.Reading;

/// <summary>schema.org JSON-LD for an article page: a MedicalWebPage with its authorship, review and citations.</summary>
public static class StructuredData
{
    /// <summary>One instance: options made per call are looked up again in System.Text.Json's cache on every page built.</summary>
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <param name="hero">The library hero image, described with its real size; <paramref name="origin"/> makes its address absolute.</param>
    public static string MedicalWebPage(ArticleHeader header, string url, IReadOnlyList<Citation> citations, string siteUrl,
        Media.MediaPicture? hero = null, string origin = "")
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "MedicalWebPage",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = header.Title,
            ["headline"] = header.Title,
            ["description"] = header.Summary,
            ["inLanguage"] = "en",
            ["author"] = new JsonObject { ["@type"] = "Person", ["name"] = header.AuthorName, ["description"] = header.AuthorCredentials },
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = SiteAddress.SiteName, ["url"] = siteUrl },
            ["dateModified"] = DateMarkup.Iso(header.UpdatedAt),
            ["about"] = new JsonArray(header.Topics.Select(t => (JsonNode)new JsonObject { ["@type"] = "Thing", ["name"] = t.Name }).ToArray()),
            ["citation"] = new JsonArray(citations.Select(Citation).ToArray()),
        };
        if (header.PublishedAt is { } published)
            json["datePublished"] = DateMarkup.Iso(published);
        if (header.LastReviewedOn is { } reviewed)
            json["lastReviewed"] = reviewed.ToString("yyyy-MM-dd");
        if (header.ReviewedBy is { } reviewer)
            json["reviewedBy"] = new JsonObject { ["@type"] = "Person", ["name"] = reviewer };
        if (hero is not null)
            json["image"] = new JsonObject
            {
                ["@type"] = "ImageObject",
                ["url"] = origin + hero.FallbackUrl,
                ["width"] = hero.LargestWidth,
                ["height"] = hero.HeightAt(hero.LargestWidth),
                ["caption"] = hero.Caption ?? hero.Alt,
            };
        else if (header.HeroImageUrl is { } image)
            json["image"] = image;
        // The default encoder escapes <, > and & so the JSON cannot close its <script> element.
        return json.ToJsonString(Compact);
    }

    /// <summary>
    /// The page's JSON-LD with <c>author</c> and <c>reviewedBy</c> as the people of <paramref name="credits"/>, each with
    /// the address of their profile when they have one.
    /// </summary>
    public static string WithPeople(string structuredData, ArticleCredits credits, Func<string, string> profileUrl)
    {
        var json = JsonNode.Parse(structuredData)!.AsObject();
        json["author"] = Person(credits.Author, profileUrl);
        if (credits.Reviewer is { } reviewer)
            json["reviewedBy"] = Person(reviewer, profileUrl);
        return json.ToJsonString(Compact);
    }

    private static JsonObject Person(PersonCredit person, Func<string, string> profileUrl)
    {
        var node = new JsonObject { ["@type"] = "Person", ["name"] = person.Name };
        if (person.Credentials is { } credentials)
            node["description"] = credentials;
        if (person.ProfileSlug is { } slug)
            node["url"] = profileUrl(slug);
        return node;
    }

    private static JsonNode Citation(Citation c)
    {
        var node = new JsonObject
        {
            ["@type"] = c.Kind switch { CitationKind.Book => "Book", CitationKind.WebPage => "WebPage", _ => "ScholarlyArticle" },
            ["name"] = c.Title,
            ["author"] = c.Authors.ToString(),
        };
        if (c.Year is { } year)
            node["datePublished"] = year.ToString();
        if (c.Source is { } source)
            node[c.Kind == CitationKind.JournalArticle ? "isPartOf" : "publisher"] = new JsonObject
            {
                ["@type"] = c.Kind == CitationKind.JournalArticle ? "Periodical" : "Organization",
                ["name"] = source,
            };
        var sameAs = new JsonArray();
        if (c.Doi is not null)
            sameAs.Add($"https://doi.org/{c.Doi}");
        if (c.Pmid is not null)
            sameAs.Add($"https://pubmed.ncbi.nlm.nih.gov/{c.Pmid}/");
        if (sameAs.Count > 0)
            node["sameAs"] = sameAs;
        if (c.Url is not null)
            node["url"] = c.Url;
        return node;
    }
}

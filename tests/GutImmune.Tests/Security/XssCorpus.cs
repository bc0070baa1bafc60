using System.Text.Json;
using System.Text.Json.Nodes;
using GutImmune.Web.Content;

namespace GutImmune.Tests.Security;

/// <summary>
/// The XSS payloads of xss-payloads.json, and an article file that carries every one of them in every field.
/// The browser tests link this file and the JSON (their project includes both), so both suites use one corpus.
/// </summary>
public sealed class XssCorpus
{
    /// <summary>Payloads for Markdown fields: raw HTML, unsafe link schemes, Markdown syntax tricks.</summary>
    public required IReadOnlyList<string> Markdown { get; init; }

    /// <summary>Payloads for fields shown as text: titles, headings, names, citation fields.</summary>
    public required IReadOnlyList<string> PlainText { get; init; }

    /// <summary>Plain-text payloads that make a topic (a topic needs a letter or digit for its slug).</summary>
    public IEnumerable<string> TopicNames => PlainText.Where(p => Slug.From(p).Length > 0 && !p.Contains(','));

    /// <summary>A hero image address that passes URL validation but tries to close its attribute.</summary>
    public const string HeroImageUrl = "https://example.org/hero.png?\"onerror=\"window.__xss=1";

    /// <summary>A DOI (starts with "10.", no spaces) and a web address that try to break out of the reference's links.</summary>
    public const string Doi = "10.1000/\"><svg/onload=window.__xss=1>";
    public const string CitationUrl = "https://example.org/\"><script>window.__xss=1</script>";

    public static XssCorpus Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        return new XssCorpus
        {
            Markdown = root["markdown"]!.AsArray().Select(n => n!.GetValue<string>()).ToList(),
            PlainText = root["plainText"]!.AsArray().Select(n => n!.GetValue<string>()).ToList(),
        };
    }

    public string Plain(int i) => PlainText[i % PlainText.Count];

    /// <summary>The section holding Markdown payload <paramref name="i"/> as its text and as its one fact.</summary>
    public static string SectionSlug(int i) => $"payload-{i + 1}";

    public const string CausesSlug = "causes";

    /// <summary>Cause titles are plain-text payloads, numbered so that each cause keeps its own anchor.</summary>
    public string CauseTitle(int i) => $"{Plain(i)} {i + 1}";

    /// <summary>
    /// A published article in the import format with every payload in every field: one fact-list section per Markdown
    /// payload (text and fact), one cause-list section with a cause per payload, plain-text payloads in the title,
    /// summary, author, image text, headings, cause titles, topics and references, and all payloads in the disclaimer.
    /// </summary>
    public string ArticleFile(string slug)
    {
        var sections = new JsonArray();
        for (var i = 0; i < Markdown.Count; i++)
        {
            sections.Add(new JsonObject
            {
                ["slug"] = SectionSlug(i),
                ["heading"] = Plain(i),
                ["kind"] = "factList",
                ["body"] = Markdown[i],
                ["facts"] = new JsonArray(Markdown[i]),
            });
        }
        sections.Add(new JsonObject
        {
            ["slug"] = CausesSlug,
            ["heading"] = "Causes",
            ["kind"] = "causeList",
            ["causes"] = new JsonArray(Markdown.Select((m, i) => (JsonNode)new JsonObject { ["title"] = CauseTitle(i), ["description"] = m }).ToArray()),
        });

        var file = new JsonObject
        {
            ["slug"] = slug,
            ["title"] = Plain(0),
            ["summary"] = Plain(1),
            ["author"] = new JsonObject { ["name"] = Plain(2), ["credentials"] = Plain(3) },
            ["heroImage"] = new JsonObject { ["url"] = HeroImageUrl, ["alt"] = Plain(4), ["caption"] = Plain(5) },
            ["status"] = "published",
            ["reviewedBy"] = Plain(6),
            ["lastReviewedOn"] = "2026-01-01",
            ["nextReviewDue"] = "2029-01-01",
            ["topics"] = new JsonArray(TopicNames.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["sections"] = sections,
            ["citations"] = new JsonArray(
                Citation(1, "journalArticle"),
                Citation(2, "book"),
                Citation(3, "webPage")),
            ["disclaimer"] = string.Join("\n\n", Markdown),
        };
        return file.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private JsonObject Citation(int number, string kind) => new()
    {
        ["number"] = number,
        ["kind"] = kind,
        ["authors"] = Plain(number),
        ["title"] = Plain(number + 1),
        ["source"] = Plain(number + 2),
        ["year"] = 2020,
        ["dateDetail"] = "<b>Jun</b>",
        ["volume"] = "<i>1</i>",
        ["issue"] = "\"><x>",
        ["pages"] = "<script>",
        ["doi"] = Doi,
        ["pmid"] = "123",
        ["url"] = CitationUrl,
        ["accessedOn"] = "2026-01-01",
    };
}

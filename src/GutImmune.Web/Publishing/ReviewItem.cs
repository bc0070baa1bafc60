using System.Security.Cryptography;
using System.Text;
using GutImmune.Web.Content;
using GutImmune.Web.Reading;

namespace GutImmune.Web.Publishing;

/// <summary>
/// Something of an article a reviewer can comment on: the article as a whole (its own fields), a section (heading and
/// body), a fact, a cause or a reference. <see cref="Fingerprint"/> changes whenever what the item holds changes.
/// </summary>
public sealed record ReviewItem(ReviewItemKind Kind, int? Id, string Label, string Text, string Fingerprint)
{
    /// <summary>A name for the item unique on the article's pages (an HTML id, a fragment).</summary>
    public string Key => KeyOf(Kind, Id);

    public static string KeyOf(ReviewItemKind kind, int? id) => kind == ReviewItemKind.Article || id is null ? "article" : $"{kind.ToString().ToLowerInvariant()}-{id}";

    /// <summary>Whether this is the item named: the article as a whole has no id, so a comment naming one for it names nothing.</summary>
    public bool Is(ReviewItemKind kind, int? id) => Kind == kind && Id == id;

    /// <summary>The article's items in reading order: the article, each section followed by its facts or causes, then the references.</summary>
    public static IReadOnlyList<ReviewItem> Of(Article article)
    {
        var items = new List<ReviewItem>
        {
            Item(ReviewItemKind.Article, null, "The article as a whole", $"{article.Title}\n\n{article.Summary}",
                article.Title, article.Summary, article.AuthorName, article.AuthorCredentials, article.HeroImageUrl, article.HeroImageAlt,
                article.HeroImageCaption, article.Disclaimer, string.Join(",", article.Topics.Select(t => t.Name).Order())),
        };
        foreach (var (section, index) in article.Sections.Select((s, i) => (s, i + 1)))
        {
            items.Add(Item(ReviewItemKind.Section, section.Id, $"Section {index}: “{section.Heading}”", section.Body,
                section.Heading, section.Body, section.Kind.ToString()));
            items.AddRange(section.Facts.Select((fact, i) =>
                Item(ReviewItemKind.Fact, fact.Id, $"Fact {i + 1} of “{section.Heading}”", fact.Text, fact.Text)));
            items.AddRange(section.Causes.Select(cause =>
                Item(ReviewItemKind.Cause, cause.Id, $"Cause “{cause.Title}” of “{section.Heading}”", cause.Description, cause.Title, cause.Description)));
        }
        items.AddRange(article.Citations.Select(citation =>
        {
            var text = AmaStyle.FormatText(citation);
            return Item(ReviewItemKind.Citation, citation.Id, $"Reference {citation.Number}", text, citation.Number.ToString(), text, citation.Url, citation.Pmid);
        }));
        return items;
    }

    private static ReviewItem Item(ReviewItemKind kind, int? id, string label, string text, params string?[] content) =>
        new(kind, id, label, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', content.Select(c => c ?? ""))))));
}

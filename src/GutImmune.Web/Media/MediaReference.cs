using System.Globalization;
using GutImmune.Web.Content;
using GutImmune.Web.Markdown;

namespace GutImmune.Web.Media;

/// <summary>How content refers to a library image: `![alt](media:ID)` in Markdown, and an article's hero.</summary>
public static class MediaReference
{
    public const string Prefix = "media:";

    public static bool TryParse(string? url, out int id)
    {
        id = 0;
        return url is not null && url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(url.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    public static IEnumerable<int> IdsIn(string markdown) => ContentMarkdown.FindMediaIds(markdown);

    /// <summary>Every library image the article refers to: its hero, then those in its texts.</summary>
    public static IEnumerable<int> IdsIn(Article article)
    {
        if (article.HeroMediaId is { } hero)
            yield return hero;
        foreach (var (_, text) in Texts(article))
            foreach (var id in IdsIn(text))
                yield return id;
    }

    /// <summary>The article's Markdown texts that may refer to images (those within the length limit: longer ones are refused anyway).</summary>
    public static IEnumerable<(ContentPlace Place, string Text)> Texts(Article article) =>
        article.MarkdownFields().Where(f => f.Text.Length <= ContentLimits.Markdown && f.Text.Contains(Prefix, StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Place, f.Text));
}

/// <summary>
/// The library images a rendering may show, by id, and which of them it did show (recorded in the edition, so that an
/// image readers see cannot be deleted).
/// </summary>
public sealed class MediaCatalog(IReadOnlyDictionary<int, MediaPicture> pictures)
{
    public static MediaCatalog Empty => new(new Dictionary<int, MediaPicture>());

    private readonly SortedSet<int> _shown = [];

    public MediaPicture? Find(int id) => pictures.GetValueOrDefault(id);

    /// <summary>The picture to show for <paramref name="id"/>, recorded as shown; null for an unknown image.</summary>
    public MediaPicture? Show(int id)
    {
        if (pictures.GetValueOrDefault(id) is not { } picture)
            return null;
        _shown.Add(id);
        return picture;
    }

    /// <summary>The ids shown, as stored on an edition: " 3 7 " (spaces around each, so " 3 " never matches 13).</summary>
    public string ShownIds => _shown.Count == 0 ? "" : $" {string.Join(' ', _shown)} ";
}

namespace GutImmune.Web.Content;

/// <summary>Ordering rules of an article's parts: positions follow list order, counted from 1.</summary>
public static class ArticleStructure
{
    public static void NormalizePositions(this Article article)
    {
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            section.Position = i + 1;
            for (var f = 0; f < section.Facts.Count; f++)
                section.Facts[f].Position = f + 1;
            for (var c = 0; c < section.Causes.Count; c++)
                section.Causes[c].Position = c + 1;
        }
    }

    /// <summary>
    /// Browsers send textarea line breaks as CRLF: store every Markdown text with LF only, so that revisions compare by
    /// paragraph and an unchanged text saved from another system is not a change. Every text field, whichever way it
    /// arrived, is kept as <see cref="TextCharacters.ForStoredText"/> keeps it: without the characters XML forbids and the
    /// controls that reorder what readers see.
    /// </summary>
    public static void NormalizeText(this Article article)
    {
        foreach (var field in article.MarkdownFields().ToList())
        {
            var normalized = field.Text.ReplaceLineEndings("\n");
            if (normalized != field.Text)
                field.Update(normalized);
        }
        article.Summary = article.Summary.ReplaceLineEndings(" ");

        IEnumerable<object> parts = [article, .. article.Sections, .. article.Sections.SelectMany(s => s.Facts),
            .. article.Sections.SelectMany(s => s.Causes), .. article.Citations, .. article.Topics];
        foreach (var part in parts)
            KeepAsStoredText(part);
    }

    /// <summary>Every writable text property and list of texts, so that a field added later is covered without being listed here.</summary>
    private static void KeepAsStoredText(object part)
    {
        foreach (var property in part.GetType().GetProperties().Where(p => p.CanWrite))
        {
            if (property.PropertyType == typeof(string) && property.GetValue(part) is string text
                && TextCharacters.ForStoredText(text) is var kept && !ReferenceEquals(kept, text))
                property.SetValue(part, kept);
            else if (property.PropertyType == typeof(List<string>) && property.GetValue(part) is List<string> texts)
                for (var i = 0; i < texts.Count; i++)
                    texts[i] = TextCharacters.ForStoredText(texts[i]);
        }
    }

    /// <summary>Moves an item by <paramref name="offset"/> places (−1 up, +1 down), staying within the list.</summary>
    public static bool Move<T>(this List<T> items, T item, int offset)
    {
        var from = items.IndexOf(item);
        var to = Math.Clamp(from + offset, 0, items.Count - 1);
        if (from < 0 || from == to)
            return false;
        items.RemoveAt(from);
        items.Insert(to, item);
        return true;
    }

    public static Section? FindSection(this Article article, int sectionId) => article.Sections.Find(s => s.Id == sectionId);
}

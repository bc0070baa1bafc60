namespace GutImmune.Web.Content;

/// <summary>One Markdown text of an article: where it is (file path and a label for people) and how to change it.</summary>
public sealed record MarkdownField(string Path, string Label, string Text, Action<string> Update);

public static class ArticleMarkdownFields
{
    /// <summary>Every Markdown text of the article in reading order: section bodies, facts, cause descriptions, the disclaimer.</summary>
    public static IEnumerable<MarkdownField> MarkdownFields(this Article article)
    {
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            yield return new($"sections[{i}].body", $"Section “{section.Heading}”", section.Body, text => section.Body = text);
            for (var f = 0; f < section.Facts.Count; f++)
            {
                var fact = section.Facts[f];
                yield return new($"sections[{i}].facts[{f}]", $"Section “{section.Heading}”, fact {f + 1}", fact.Text, text => fact.Text = text);
            }
            for (var c = 0; c < section.Causes.Count; c++)
            {
                var cause = section.Causes[c];
                yield return new($"sections[{i}].causes[{c}].description", $"Cause “{cause.Title}”", cause.Description, text => cause.Description = text);
            }
        }
        if (article.Disclaimer is not null)
            yield return new("disclaimer", "Disclaimer", article.Disclaimer, text => article.Disclaimer = text);
    }
}

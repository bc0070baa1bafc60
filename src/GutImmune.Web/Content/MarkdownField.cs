namespace GutImmune.Web.Content;

/// <summary>One Markdown text of an article: where it is (its place, and a label for readers) and how to change it.</summary>
public sealed record MarkdownField(ContentPlace Place, string Label, string Text, Action<string> Update);

public static class ArticleMarkdownFields
{
    /// <summary>Every Markdown text of the article in reading order: section bodies, facts, cause descriptions, the disclaimer.</summary>
    public static IEnumerable<MarkdownField> MarkdownFields(this Article article)
    {
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            yield return new(new ContentPlace.Section(i, SectionPart.Body), $"Section “{section.Heading}”", section.Body, text => section.Body = text);
            for (var f = 0; f < section.Facts.Count; f++)
            {
                var fact = section.Facts[f];
                yield return new(new ContentPlace.Fact(i, f), $"Section “{section.Heading}”, fact {f + 1}", fact.Text, text => fact.Text = text);
            }
            for (var c = 0; c < section.Causes.Count; c++)
            {
                var cause = section.Causes[c];
                yield return new(new ContentPlace.Cause(i, c, CausePart.Description), $"Cause “{cause.Title}”", cause.Description, text => cause.Description = text);
            }
        }
        if (article.Disclaimer is not null)
            yield return new(new ContentPlace.ArticleField(ArticlePart.Disclaimer), "Disclaimer", article.Disclaimer, text => article.Disclaimer = text);
    }
}

using System.Text.RegularExpressions;
using GutImmune.Web.Content;

namespace GutImmune.Web.Reading;

/// <summary>Minutes to read an article at 200 words a minute, rounded up.</summary>
public static partial class ReadingTime
{
    public const int WordsPerMinute = 200;

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();

    public static int Minutes(Article article)
    {
        var words = article.MarkdownFields().Where(f => f.Place is not ContentPlace.ArticleField { Field: ArticlePart.Disclaimer }).Sum(f => Word().Count(f.Text))
            + article.Sections.Sum(s => Word().Count(s.Heading) + s.Causes.Sum(c => Word().Count(c.Title)));
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }
}

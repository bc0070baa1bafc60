namespace GutImmune.Web.Reading;

/// <summary>
/// The articles readers can see that share a topic of one set, enough of them to choose the related articles of any
/// article filed under that set, or of one that is not: of the newest <see cref="Considered"/> other articles sharing a
/// topic, the <see cref="Shown"/> that share the most, newest first among equals.
/// </summary>
/// <param name="NewestArticleIds">The newest <see cref="Considered"/> + 1 articles sharing a topic, newest first.</param>
/// <param name="Best">The <see cref="Shown"/> + 1 of those sharing the most topics, newest first among equals: one of them may be left out.</param>
/// <param name="ValidUntil">The next scheduled time of any article when they were read: one sharing a topic may join them then.</param>
public sealed record RelatedCandidates(IReadOnlyList<int> NewestArticleIds, IReadOnlyList<RelatedCandidates.Ranked> Best, DateTime? ValidUntil)
{
    public const int Shown = 3;

    /// <summary>How many of the newest articles sharing a topic are considered, so the cost stays flat as content grows.</summary>
    public const int Considered = 50;

    public sealed record Ranked(int ArticleId, ArticleListItem Card);

    /// <summary>The related articles of article <paramref name="articleId"/> (whether filed under this set of topics or not).</summary>
    public IReadOnlyList<ArticleListItem> For(int articleId)
    {
        // The newest Considered others: all but the article itself when it is among the newest, else all but the oldest.
        int? left = NewestArticleIds.Contains(articleId) ? articleId : NewestArticleIds.Count > Considered ? NewestArticleIds[^1] : null;
        return Best.Where(c => c.ArticleId != left).Take(Shown).Select(c => c.Card).ToList();
    }
}

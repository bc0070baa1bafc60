using GutImmune.Web.Content;
using GutImmune.Web.People;
using GutImmune.Web.Reading;

namespace GutImmune.Web.Publishing;

/// <summary>
/// An article's working copy as readers will see it once published, for the admin preview and review links alike: the
/// reader rendering, with the review readers would see (none when the working copy's content has no sign-off).
/// </summary>
public sealed class WorkingCopyPreview(ArticleReader reader, ArticleWorkflow workflow, PeopleDirectory people)
{
    public async Task<ArticlePage> RenderAsync(Article workingCopy, CancellationToken cancellationToken) =>
        await RenderAsync(workingCopy, await workflow.IsSignedOffAsync(workingCopy, cancellationToken), cancellationToken);

    /// <summary>As above, for a caller that has read whether the content is signed off (a review link's page, with its fingerprint).</summary>
    public async Task<ArticlePage> RenderAsync(Article workingCopy, bool signedOff, CancellationToken cancellationToken)
    {
        var page = await reader.GetPreviewAsync(workingCopy, cancellationToken);
        if (!signedOff)
            page = page with { Header = page.Header with { LastReviewedOn = null, ReviewedBy = null, NextReviewDue = null } };
        return await people.WithCreditsAsync(page, cancellationToken);
    }
}

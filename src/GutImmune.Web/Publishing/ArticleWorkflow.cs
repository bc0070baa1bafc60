using System.Security.Claims;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Publishing;

/// <summary>
/// Takes workflow steps on articles through <see cref="ArticleEditor"/>: each is checked against
/// <see cref="EditorialWorkflow"/> on the article as it is inside the save, and a refused one changes nothing.
/// Publishing needs a review signed off for exactly the current content, except by an Admin who writes a reason.
/// </summary>
public sealed class ArticleWorkflow(GutImmuneDbContext db, ArticleEditor editor, EditionPublisher editions, RevisionHistory revisions, AuditLog audit,
    ReviewDiscussion discussion, TimeProvider clock)
{
    /// <summary>Why "request changes" was refused when nothing says what to change.</summary>
    public const string NothingToChange = "Say what needs to change: write it here, or comment on the items first (Review comments). Nothing was changed.";

    /// <summary>
    /// Sends the article back with its open review threads. It needs at least one, or <paramref name="summary"/>, which
    /// becomes a thread on the article as a whole, saved with the step.
    /// </summary>
    public async Task<EditOutcome> RequestChangesAsync(int articleId, int version, ClaimsPrincipal user, string? summary, CancellationToken cancellationToken)
    {
        var openThreads = await discussion.OpenThreadCountAsync(articleId, cancellationToken);
        return await editor.EditAsync(articleId, version, () => Description(WorkflowStep.RequestChanges, Now, Now), article =>
        {
            var (transition, refusal) = EditorialWorkflow.Check(WorkflowStep.RequestChanges, EditorialWorkflow.StateOf(article, Now), user.IsInRole);
            if (transition is null)
                return [new ContentProblem(refusal!)];
            if (!string.IsNullOrWhiteSpace(summary))
                discussion.Start(article, ReviewItem.Of(article)[0], summary, user);
            else if (openThreads == 0)
                return [new ContentProblem(NothingToChange)];
            article.Status = transition.To!.Value;
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="step"/> (any but <see cref="WorkflowStep.SignOff"/>, which <see cref="SignOffAsync"/> takes,
    /// and <see cref="WorkflowStep.RequestChanges"/>, which <see cref="RequestChangesAsync"/> takes)
    /// for <paramref name="user"/>. <paramref name="publishAt"/> schedules a publication (empty: now);
    /// <paramref name="reason"/> is required to publish without a review.
    /// </summary>
    public async Task<EditOutcome> TakeStepAsync(int articleId, int version, WorkflowStep step, ClaimsPrincipal user, DateTime? publishAt,
        string? reason, CancellationToken cancellationToken)
    {
        var now = Now;
        var at = publishAt is { } when ? DateTime.SpecifyKind(when, DateTimeKind.Utc) : now;
        if (step == WorkflowStep.SignOff)
            return Refused("A review is signed off with its dates, on the review form.");
        if (step == WorkflowStep.RequestChanges)
            return await RequestChangesAsync(articleId, version, user, summary: null, cancellationToken);
        if (step == WorkflowStep.PublishWithoutReview && string.IsNullOrWhiteSpace(reason))
            return Refused("Write why the article must be published without a medical review.");
        var signOffs = await SignOffsAsync(articleId, cancellationToken);

        ArticleEditor.Change change = article =>
        {
            var state = EditorialWorkflow.StateOf(article, now);
            var (transition, refusal) = EditorialWorkflow.Check(step, state, user.IsInRole);
            if (transition is null)
                return [new ContentProblem(refusal!)];
            // An article readers see has one published version: its changes go live at once, keeping its publication date.
            if (state == EditorialState.Published && step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview)
            {
                if (at > now)
                    return [new ContentProblem("The changes to an article readers see are published at once: leave the time empty.")];
                at = article.PublishedAt ?? now;
            }
            switch (step)
            {
                case WorkflowStep.Publish:
                    if (signOffs.GetValueOrDefault(ContentFingerprint.Of(article)) is not { } signOff)
                        return [new ContentProblem(NoSignOff(article, state))];
                    Publish(article, at, signOff, reason: null);
                    break;
                case WorkflowStep.PublishWithoutReview:
                    Publish(article, at, signOff: null, reason!.Trim());
                    break;
                default:
                    article.Status = transition.To!.Value;
                    break;
            }
            return null;
        };
        return step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview
            ? await editor.PublishAsync(articleId, version, () => Description(step, at, now), change, cancellationToken)
            : await editor.EditAsync(articleId, version, () => Description(step, at, now), change, cancellationToken);
    }

    /// <summary>
    /// Signs off a medical review of the content of <paramref name="version"/> under <paramref name="user"/>'s name: refused
    /// when the content changed since (the reviewer must read what they sign). An article in review becomes approved.
    /// </summary>
    public async Task<EditOutcome> SignOffAsync(int articleId, int version, ClaimsPrincipal user, string reviewerName, DateOnly reviewedOn,
        DateOnly nextReviewDue, CancellationToken cancellationToken)
    {
        var snapshot = await revisions.SnapshotAsync(articleId, version, cancellationToken);
        if (snapshot is null || ArticleFileReader.Read(snapshot, Now).Article is not { } read)
            return await ExistsAsync(articleId, cancellationToken) ? Refused("The version you read is no longer kept: open the article again and sign off what it holds now.") : new EditOutcome.NotFound();
        var fingerprint = ContentFingerprint.Of(read);
        var account = user.Identity?.Name ?? "unknown";
        // A review of exactly what readers see (the periodic review of a live article) reaches them at once; a review of
        // changes not yet published reaches them with those changes.
        var reviewsWhatReadersSee = await editions.LiveContentAsync(articleId, cancellationToken) is var (live, _)
            && ContentFingerprint.Of(live) == fingerprint;
        ArticleEditor.Change signOffChange = article =>
        {
            var (transition, refusal) = EditorialWorkflow.Check(WorkflowStep.SignOff, EditorialWorkflow.StateOf(article, Now), user.IsInRole);
            if (transition is null)
                return [new ContentProblem(refusal!)];
            if (ContentFingerprint.Of(article) != fingerprint)
                return [new ContentProblem("The content changed since you opened the article: read the changes (Revisions) and sign off what it holds now.")];
            var signOff = new ReviewSignOff
            {
                ArticleId = article.Id, ArticleVersion = version, ContentFingerprint = fingerprint, ReviewerName = reviewerName,
                ReviewerAccount = account, ReviewedOn = reviewedOn, NextReviewDue = nextReviewDue, SignedAt = Now,
            };
            db.ReviewSignOffs.Add(signOff);
            signOff.ShowOn(article);
            article.Status = transition.To ?? article.Status;
            audit.Add(AuditLog.Actions.ReviewSignedOff, $"article “{article.Title}” ({article.Slug})",
                $"by {reviewerName} ({account}) on {reviewedOn:yyyy-MM-dd}, next due {nextReviewDue:yyyy-MM-dd}, content of version {version}");
            return null;
        };
        var description = $"Medical review signed off by {reviewerName}";
        return reviewsWhatReadersSee
            ? await editor.PublishAsync(articleId, version, () => description, signOffChange, cancellationToken)
            : await editor.EditAsync(articleId, version, description, signOffChange, cancellationToken);
    }

    /// <summary>Whether the article's current content carries a signed-off review (what publishing needs).</summary>
    public async Task<bool> IsSignedOffAsync(Article article, CancellationToken cancellationToken) =>
        (await SignOffsAsync(article.Id, cancellationToken)).ContainsKey(ContentFingerprint.Of(article));

    /// <summary>
    /// The one place an article is published (now or at <paramref name="at"/>): with the review signed off for its
    /// content shown to readers, or, by an Admin's override, with no review shown and the <paramref name="reason"/>
    /// kept (the dashboard lists it until a review is signed off) and audited.
    /// </summary>
    private void Publish(Article article, DateTime at, ReviewSignOff? signOff, string? reason)
    {
        article.Status = ArticleStatus.Published;
        article.PublishedAt = at;
        if (signOff is not null)
        {
            signOff.ShowOn(article);
            return;
        }
        (article.LastReviewedOn, article.ReviewedBy, article.NextReviewDue) = ((DateOnly?)null, (string?)null, (DateOnly?)null);
        article.ReviewOverrideReason = reason;
        audit.Add(AuditLog.Actions.PublishedWithoutReview, $"article “{article.Title}” ({article.Slug})", reason);
    }

    private Task<Dictionary<string, ReviewSignOff>> SignOffsAsync(int articleId, CancellationToken cancellationToken) =>
        ReviewSignOff.ByContentAsync(db, articleId, cancellationToken);

    private static string NoSignOff(Article article, EditorialState state) =>
        // A published or scheduled article is not submitted again: a Reviewer signs off its working copy where it is.
        state is EditorialState.Published or EditorialState.Scheduled
            ? "The changes cannot be published: the article's current content has no medical review signed off. A Reviewer signs off the current content (Medical review, on the article's page); then publish the changes."
            : article.LastReviewedOn is null
            ? "The article cannot be published: its content has no medical review signed off. Submit it for review; once a Reviewer signs off the review, publish it."
            : $"The article cannot be published: the medical review signed off on {article.LastReviewedOn:yyyy-MM-dd} was for content that has changed since. Submit it for review again; once a Reviewer signs off the current content, publish it.";

    private static string Description(WorkflowStep step, DateTime at, DateTime now) => step switch
    {
        WorkflowStep.Submit => "Submitted for review",
        WorkflowStep.ReturnToDraft => "Returned to draft",
        WorkflowStep.RequestChanges => "Changes requested",
        WorkflowStep.Unpublish => "Unpublished",
        WorkflowStep.PublishWithoutReview => at > now ? $"Scheduled without a medical review for {at:yyyy-MM-dd HH:mm} UTC" : "Published without a medical review",
        _ => at > now ? $"Scheduled for {at:yyyy-MM-dd HH:mm} UTC" : "Published",
    };

    /// <summary>The description of a step as the flash message after it says it.</summary>
    public static string Done(WorkflowStep step, DateTime? publishAt, DateTime now) =>
        Description(step, publishAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : now, now) + ".";

    private static EditOutcome Refused(string message) => new EditOutcome.Invalid([new ContentProblem(message)]);

    private Task<bool> ExistsAsync(int articleId, CancellationToken cancellationToken) => db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

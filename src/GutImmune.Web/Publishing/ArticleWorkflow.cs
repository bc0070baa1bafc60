using System.Security.Claims;
using GutImmune.Web.Accounts;
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
/// Publishing needs a review signed off for exactly the current content (through a review link: published by someone
/// other than the link's maker), except by an Admin who writes a reason.
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
        var live = await editions.IsLiveAsync(articleId, cancellationToken);
        WorkflowRefusal? refused = null;
        return Refused(await editor.EditAsync(articleId, version, () => Description(WorkflowStep.RequestChanges, Now, Now), article =>
        {
            var (transition, refusal) = EditorialWorkflow.Check(WorkflowStep.RequestChanges, EditorialWorkflow.StateOf(article, Now), live, user.IsInRole);
            if (transition is null)
                return Refuse(refused = refusal!);
            // Judged as the thread stores it: a summary of only invisible characters (a zero-width space too) says nothing.
            if (TextCharacters.ForVisiblePlainText(summary) is { } said)
                discussion.Start(article, ReviewItem.Of(article)[0], said, CommentAuthor.Of(user));
            else if (openThreads == 0)
                return [new ContentProblem(NothingToChange)];
            article.Status = transition.To!.Value;
            return null;
        }, cancellationToken), () => refused);
    }

    /// <summary>
    /// Takes <paramref name="step"/> (any but <see cref="WorkflowStep.SignOff"/>, which <see cref="SignOffAsync"/> takes,
    /// and <see cref="WorkflowStep.RequestChanges"/>, which <see cref="RequestChangesAsync"/> takes)
    /// for <paramref name="user"/>. <paramref name="publishAt"/> schedules a publication (empty: now);
    /// <paramref name="reason"/> is required to publish without a review; <paramref name="changeNote"/>, the public note
    /// of what changed, to publish changes to an article readers see (<see cref="NeedsChangeNote"/>).
    /// </summary>
    public async Task<EditOutcome> TakeStepAsync(int articleId, int version, WorkflowStep step, ClaimsPrincipal user, DateTime? publishAt,
        string? reason, string? changeNote, CancellationToken cancellationToken)
    {
        changeNote = TextCharacters.ForVisiblePlainText(changeNote);
        // The audit log's reason, judged as the change note is: zero-width or direction characters alone give no reason.
        reason = TextCharacters.ForVisiblePlainText(reason);
        var now = Now;
        var at = publishAt is { } when ? DateTime.SpecifyKind(when, DateTimeKind.Utc) : now;
        if (step == WorkflowStep.SignOff)
            return Refused("A review is signed off with its dates, on the review form.");
        if (step == WorkflowStep.RequestChanges)
            return await RequestChangesAsync(articleId, version, user, summary: null, cancellationToken);
        // Without a review nothing else vouches for the content, so it must be what the Admin had open: another editor's
        // save since would otherwise be merged in and published unseen (the reviewed path checks the signed-off content).
        if (step == WorkflowStep.PublishWithoutReview
            && await db.Articles.Where(a => a.Id == articleId).Select(a => (int?)a.Version).SingleOrDefaultAsync(cancellationToken) is { } current
            && current != version)
            return new EditOutcome.StepRefused(ChangedSinceOpened, ForRole: false);
        var live = await editions.IsLiveAsync(articleId, cancellationToken);
        var publishing = step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview;
        var reviews = step == WorkflowStep.Publish ? await ReviewsOnFileAsync(articleId, cancellationToken) : null;
        var opened = (step == WorkflowStep.Submit || publishing) && live || step == WorkflowStep.Publish
            ? await editor.LoadForEditingAsync(articleId, cancellationToken)
            : null;
        // The images the article shows as it is now, read once for every check below: a save since that shows others changes
        // its content, and so its fingerprint, anyway.
        var pictures = opened is not null ? await ContentFingerprint.PicturesAsync(db, opened, cancellationToken) : new Dictionary<int, Media.MediaPicture>();
        var readersSee = opened is not null && live ? (await editions.LiveContentAsync(articleId, cancellationToken))?.Content : null;
        var hasChanges = readersSee is not null && await editor.UnpublishedChangesAsync(opened!, cancellationToken) is [_, ..];
        var changesContent = readersSee is not null && SameContent(readersSee, ContentFingerprint.Of(opened!, pictures), pictures) is null;
        WorkflowRefusal? refused = null;

        ArticleEditor.Change change = article =>
        {
            var state = EditorialWorkflow.StateOf(article, now);
            var (transition, refusal) = EditorialWorkflow.Check(step, state, live, user.IsInRole);
            if (transition is null)
                return Refuse(refused = refusal!);
            if (step == WorkflowStep.Submit && state is (EditorialState.Published or EditorialState.Scheduled) && !changesContent)
                return Refuse(refused = new WorkflowRefusal("The working copy has no changes to review: it is what readers see. Edit it first, then submit the changes for review.", ForRole: false));
            if (publishing && live && state == EditorialState.Published && !hasChanges)
                return Refuse(refused = new WorkflowRefusal(NothingToPublish, ForRole: false));
            // An article readers see has one published version: its changes go live at once, keeping its publication date.
            if (live && state != EditorialState.Scheduled && step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview)
            {
                if (at > now)
                    return [new ContentProblem("The changes to an article readers see are published at once: leave the time empty.")];
                at = article.PublishedAt ?? now;
            }
            switch (step)
            {
                case WorkflowStep.Publish:
                    var fingerprint = ContentFingerprint.Of(article, pictures);
                    var (signOff, unreviewed) = reviews!.ForPublishing(article, fingerprint, live,
                        state == EditorialState.Scheduled ? null : SameContent(readersSee, fingerprint, pictures), user.Identity?.Name);
                    if (signOff is null)
                        return Refuse(refused = unreviewed!);
                    if (NeedsChangeNote(state, live, changesContent, step) && changeNote is null)
                        return [new ContentProblem(ChangeNoteMissing)];
                    Publish(article, at, signOff, reason: null);
                    break;
                case WorkflowStep.PublishWithoutReview:
                    // Both of the override's texts are refused together, so the form shows every missing one at once.
                    List<ContentProblem> missing = [];
                    if (reason is null)
                        missing.Add(new ContentProblem(OverrideReasonMissing));
                    if (NeedsChangeNote(state, live, changesContent, step) && changeNote is null)
                        missing.Add(new ContentProblem(ChangeNoteMissing));
                    if (missing.Count > 0)
                        return missing;
                    Publish(article, at, signOff: null, reason);
                    break;
                default:
                    article.Status = transition.To!.Value;
                    break;
            }
            return null;
        };
        return Refused(step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview
            ? await editor.PublishAsync(articleId, version, () => Description(step, at, now), change, changeNote, cancellationToken)
            : await editor.EditAsync(articleId, version, () => Description(step, at, now), change, cancellationToken), () => refused);
    }

    private static IEnumerable<ContentProblem> Refuse(WorkflowRefusal refusal) => [new ContentProblem(refusal.Message)];

    /// <summary>The save's outcome, or the workflow's refusal when that is why it saved nothing.</summary>
    private static EditOutcome Refused(EditOutcome outcome, Func<WorkflowRefusal?> refusal) =>
        outcome is EditOutcome.Invalid && refusal() is { } why ? new EditOutcome.StepRefused(why.Message, why.ForRole) : outcome;

    /// <summary>
    /// Signs off a medical review of the content of <paramref name="version"/> under <paramref name="user"/>'s name: refused
    /// when the content changed since (the reviewer must read what they sign). An article in review becomes approved.
    /// </summary>
    public Task<EditOutcome> SignOffAsync(int articleId, int version, ClaimsPrincipal user, string reviewerName, DateOnly reviewedOn,
        DateOnly nextReviewDue, CancellationToken cancellationToken)
    {
        return SignOffAsync(articleId, version, shownFingerprint: null, new ReviewSignOff
        {
            ContentFingerprint = "", ReviewerName = reviewerName, ReviewerAccount = user.Identity?.Name ?? "unknown", ReviewedOn = reviewedOn, NextReviewDue = nextReviewDue,
        }, user.IsInRole, cancellationToken);
    }

    /// <summary>
    /// Signs off, through <paramref name="link"/>, a review of the content of <paramref name="version"/> that the page showed
    /// with <paramref name="shownFingerprint"/>, in the name and credentials the clinician gave: the link stands in for a
    /// Reviewer's account, for its own article only. Refused when the content is not what the page showed.
    /// </summary>
    public Task<EditOutcome> SignOffViaLinkAsync(ReviewLink link, int version, string shownFingerprint, string reviewerName, string credentials,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Now);
        return SignOffAsync(link.ArticleId, version, shownFingerprint, new ReviewSignOff
        {
            ContentFingerprint = "", ReviewerName = TextCharacters.ForPlainText(reviewerName), ReviewerCredentials = TextCharacters.ForPlainText(credentials), ReviewerAccount = ViaReviewLink,
            ReviewLinkId = link.Id, ReviewedOn = today, NextReviewDue = ReviewSchedule.NextDue(today),
        }, LinkActsAs, cancellationToken);
    }

    /// <summary>The role a review link stands in for: a Reviewer's, whose one step is the sign-off.</summary>
    public static bool LinkActsAs(string role) => role == Roles.Reviewer;

    /// <summary>What a sign-off through a review link records as its account.</summary>
    public const string ViaReviewLink = "via review link";

    private async Task<EditOutcome> SignOffAsync(int articleId, int version, string? shownFingerprint, ReviewSignOff signOff,
        Func<string, bool> hasRole, CancellationToken cancellationToken)
    {
        // A clinician on a review link cannot open the article's page or its revisions: their refusals say what to do on the link's page.
        var viaLink = signOff.ReviewLinkId is not null;
        var contentChanged = viaLink ? LinkCopyChanged : ContentChanged;
        var snapshot = await revisions.SnapshotAsync(articleId, version, cancellationToken);
        if (snapshot is null || ArticleFileReader.ReadStored(snapshot, Now).Article is not { } read)
            return await ExistsAsync(articleId, cancellationToken)
                ? new EditOutcome.StepRefused(viaLink ? LinkCopyChanged : "The version you read is no longer kept: open the article again and sign off what it holds now.", ForRole: false)
                : new EditOutcome.NotFound();
        var pictures = await ContentFingerprint.PicturesAsync(db, read, cancellationToken);
        var fingerprint = ContentFingerprint.Of(read, pictures);
        if (shownFingerprint is not null && shownFingerprint != fingerprint)
            return new EditOutcome.StepRefused(contentChanged, ForRole: false);
        // The content read was last changed, at the latest, by the save of the version read: the working copy's last save then.
        var datesRefused = ReviewSchedule.SignOffProblems(signOff.ReviewedOn, signOff.NextReviewDue, DateOnly.FromDateTime(read.UpdatedAt),
            DateOnly.FromDateTime(Now)).ToList();
        if (datesRefused.Count > 0)
            return new EditOutcome.Invalid(datesRefused);
        // A Reviewer's review of exactly what readers see (the periodic review of a live article) reaches them at once; a
        // review of changes not yet published reaches them with those changes. A review through a link waits in the working
        // copy, whatever it reviews, until someone other than the link's maker publishes it: else one Editor alone could show
        // readers a clinician's name they typed into their own link.
        var liveContent = await editions.LiveContentAsync(articleId, cancellationToken);
        var live = liveContent is not null;
        var reviewsWhatReadersSee = liveContent is var (content, _) && ContentFingerprint.Of(content, pictures) == fingerprint && signOff.ReviewLinkId is null;
        var via = signOff.ReviewLinkId is { } linkId ? $" via review link {linkId}" : "";
        WorkflowRefusal? refused = null;
        ArticleEditor.Change signOffChange = article =>
        {
            var (transition, refusal) = EditorialWorkflow.Check(WorkflowStep.SignOff, EditorialWorkflow.StateOf(article, Now), live, hasRole);
            if (transition is null)
                return Refuse(refused = viaLink ? new WorkflowRefusal(LinkNotOpenForSignOff, ForRole: false) : refusal!);
            if (ContentFingerprint.Of(article, pictures) != fingerprint)
                return Refuse(refused = new WorkflowRefusal(contentChanged, ForRole: false));
            signOff.ArticleId = article.Id;
            signOff.ArticleVersion = version;
            signOff.ContentFingerprint = fingerprint;
            signOff.SignedAt = Now;
            db.ReviewSignOffs.Add(signOff);
            signOff.ShowOn(article);
            article.Status = transition.To ?? article.Status;
            var reviewer = signOff.ShownName;
            audit.Add(signOff.ReviewLinkId is null ? AuditLog.Actions.ReviewSignedOff : AuditLog.Actions.ReviewSignedOffViaLink,
                $"article “{article.Title}” ({article.Slug})",
                $"by {reviewer} ({signOff.ReviewerAccount}{(signOff.ReviewLinkId is null ? "" : $" {signOff.ReviewLinkId}")}) on {signOff.ReviewedOn:yyyy-MM-dd}, next due {signOff.NextReviewDue:yyyy-MM-dd}, content of version {version}",
                actor: signOff.ReviewLinkId is null ? null : $"{reviewer}{via}");
            return null;
        };
        var description = $"Medical review signed off by {signOff.ReviewerName}{via}";
        return Refused(reviewsWhatReadersSee
            ? await editor.PublishAsync(articleId, version, () => description, signOffChange, changeNote: null, cancellationToken)
            : await editor.EditAsync(articleId, version, description, signOffChange, cancellationToken), () => refused);
    }

    /// <summary>Why publishing an article readers see is refused when its working copy is what they already read.</summary>
    private const string NothingToPublish = "There is nothing to publish: the working copy is what readers see. Edit it first, then publish the changes.";

    private const string ChangedSinceOpened = "Someone saved the article since you opened it: nothing was published. Read their changes (Revisions), then publish what it holds now.";

    private const string ContentChanged = "The content changed since you opened the article: read the changes (Revisions) and sign off what it holds now.";

    /// <summary>Why a sign-off through a review link is refused when the copy is no longer the one its page showed.</summary>
    public const string LinkCopyChanged = "The editors changed the copy since this page showed it: nothing was signed off. Read it again below, as it is now, and sign it off if you agree with it.";

    /// <summary>
    /// Why a review link's copy is refused a sign-off for problems of its content (text stored before a rule was added):
    /// the editors mend them, then the clinician signs off the copy they mended.
    /// </summary>
    /// <param name="problems">The problems in words, as the editors' pages say them.</param>
    public static string LinkCopyHasProblems(IEnumerable<string> problems) =>
        "Nothing was signed off: this copy has problems the editors must mend before it can be published, so it cannot be "
        + "signed off yet. Tell them, or come back to this page once they have. " + string.Join(" ", problems);

    /// <summary>Why a review link's copy cannot be signed off in the state it is in (its page says so in place of the form).</summary>
    public const string LinkNotOpenForSignOff = "The editors have not submitted this copy for review yet, so it cannot be signed off now. You can read it and comment on it; the sign-off opens once it is submitted.";

    /// <summary>
    /// Publishing a change to what readers of a live article read needs a public note of what changed; a first publication
    /// does not, nor one of a review alone (<paramref name="changesContent"/> false: a sign-off through a review link).
    /// </summary>
    private static bool NeedsChangeNote(EditorialState state, bool live, bool changesContent, WorkflowStep step) =>
        live && changesContent && state != EditorialState.Scheduled && step is WorkflowStep.Publish or WorkflowStep.PublishWithoutReview;

    /// <summary>
    /// What readers read of the article (<paramref name="readersSee"/>) when it is the content whose fingerprint is
    /// <paramref name="fingerprint"/>: the working copy's content then changes nothing for them (only its review may differ:
    /// a sign-off through a review link waiting to be published); else null. An edition keeps no record of its images' texts
    /// apart from its rendering, so both are compared with the library's images as they are now (<paramref name="pictures"/>).
    /// </summary>
    private static Article? SameContent(Article? readersSee, string fingerprint, IReadOnlyDictionary<int, Media.MediaPicture> pictures) =>
        readersSee is not null && ContentFingerprint.Of(readersSee, pictures) == fingerprint ? readersSee : null;

    /// <summary>The refusal of a publication without a review that gives no reason (the edit page puts it on the reason's field).</summary>
    public const string OverrideReasonMissing = "Write why the article must be published without a medical review: the reason goes into the audit log.";

    /// <summary>The refusal of a change published to readers without its note (the edit page puts it on the note's field).</summary>
    public const string ChangeNoteMissing = "Write a short note of what changed: readers see it as “Last updated — note” and in the article’s history of changes.";

    /// <summary>Why a review link's maker may not publish on its sign-off (the edit page says it where Publish would be).</summary>
    public const string OwnLinkSignOff = "This review was signed off through a review link you made: another Editor or an Admin publishes it.";

    private static readonly WorkflowRefusal OwnLinkRefusal = new(OwnLinkSignOff, ForRole: false);

    private static readonly WorkflowRefusal NothingToPublishRefusal = new(NothingToPublish, ForRole: false);

    /// <summary>
    /// The review of the article's current content as its edit page shows it, from one read of its sign-offs and of its
    /// library images.
    /// </summary>
    /// <param name="SignedOff">The current content carries a signed-off review (what publishing needs).</param>
    /// <param name="PublishRefusal">Why the user may not publish the current content on its review, or null when they may
    /// (the edit page offers Publish only then).</param>
    /// <param name="ChangesContent">The working copy's content differs from what readers read: false when readers see nothing
    /// of the article, or when only its review differs (a sign-off through a review link waiting to be published).</param>
    /// <param name="PublishedReviewer">The reviewer readers see once the user publishes (the review they may publish on), or null.</param>
    public sealed record ReviewOfContent(bool SignedOff, string? PublishRefusal, bool ChangesContent, string? PublishedReviewer);

    public async Task<ReviewOfContent> ReviewOfContentAsync(Article article, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var reviews = await ReviewsOnFileAsync(article.Id, cancellationToken);
        var pictures = await ContentFingerprint.PicturesAsync(db, article, cancellationToken);
        var fingerprint = ContentFingerprint.Of(article, pictures);
        var readersSee = (await editions.LiveContentAsync(article.Id, cancellationToken))?.Content;
        var sameContent = SameContent(readersSee, fingerprint, pictures);
        var (signOff, refusal) = reviews.ForPublishing(article, fingerprint, readersSee is not null,
            EditorialWorkflow.StateOf(article, Now) == EditorialState.Scheduled ? null : sameContent, user.Identity?.Name);
        return new ReviewOfContent(reviews.SignOffs.Any(s => s.ContentFingerprint == fingerprint), refusal?.Message,
            readersSee is not null && sameContent is null, signOff?.ShownName);
    }

    /// <summary>
    /// Whether an article's review waits for the dashboard's person to publish it: <paramref name="MayPublish"/> when they may
    /// publish its current content on a review, <paramref name="ByAnotherEditor"/> when what waits is a review through a
    /// link they made (another Editor or an Admin publishes it), <paramref name="ThroughReviewLink"/> when the latest review
    /// of its content was signed off through a review link.
    /// </summary>
    public sealed record ReviewToPublish(bool MayPublish, bool ByAnotherEditor, bool ThroughReviewLink);

    /// <summary>
    /// For each of <paramref name="articleIds"/> (approved ones, and live ones whose working copy shows a review readers do
    /// not see yet), whether <paramref name="account"/> may publish it on its review, as the edit page and the step decide
    /// it: the dashboard's lists, in one query for each kind of thing read, however many articles.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ReviewToPublish>> ReviewsToPublishAsync(IReadOnlyCollection<int> articleIds, string account,
        CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0)
            return new Dictionary<int, ReviewToPublish>();
        var articles = await db.Articles.AsNoTracking().WithContent().Where(a => articleIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var pictures = await ContentFingerprint.PicturesAsync(db, articles, cancellationToken);
        var readersSee = await editions.LiveContentsAsync(articleIds, cancellationToken);
        var signOffs = (await ReviewSignOff.Standing(db).Where(s => articleIds.Contains(s.ArticleId)).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .ToLookup(s => s.ArticleId);
        var linkMakers = await db.ReviewLinks.AsNoTracking().Where(l => articleIds.Contains(l.ArticleId))
            .ToDictionaryAsync(l => l.Id, l => l.CreatedBy, cancellationToken);
        var now = Now;
        return articles.ToDictionary(article => article.Id, article =>
        {
            var fingerprint = ContentFingerprint.Of(article, pictures);
            var live = readersSee.GetValueOrDefault(article.Id);
            var (signOff, refusal) = new ReviewsOnFile([.. signOffs[article.Id]], linkMakers).ForPublishing(article, fingerprint, live is not null,
                EditorialWorkflow.StateOf(article, now) == EditorialState.Scheduled ? null : SameContent(live, fingerprint, pictures), account);
            return new ReviewToPublish(signOff is not null, refusal == OwnLinkRefusal,
                signOffs[article.Id].LastOrDefault(s => s.ContentFingerprint == fingerprint)?.ReviewLinkId is not null);
        });
    }

    /// <summary>Whether the article's current content carries a signed-off review (what publishing needs).</summary>
    public async Task<bool> IsSignedOffAsync(Article article, CancellationToken cancellationToken) =>
        (await ReviewSignOff.ByContentAsync(db, article.Id, cancellationToken)).ContainsKey(await ContentFingerprint.OfAsync(db, article, cancellationToken));

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

    private async Task<ReviewsOnFile> ReviewsOnFileAsync(int articleId, CancellationToken cancellationToken) => new(
        await ReviewSignOff.Standing(db).Where(s => s.ArticleId == articleId).OrderBy(s => s.Id).ToListAsync(cancellationToken),
        await db.ReviewLinks.AsNoTracking().Where(l => l.ArticleId == articleId).ToDictionaryAsync(l => l.Id, l => l.CreatedBy, cancellationToken));

    /// <summary>An article's standing sign-offs, oldest first, and who made each of its review links (by link id).</summary>
    private sealed record ReviewsOnFile(IReadOnlyList<ReviewSignOff> SignOffs, IReadOnlyDictionary<int, string> LinkMakers)
    {
        /// <summary>
        /// The latest sign-off of the article's current content (whose fingerprint is <paramref name="fingerprint"/>) that <paramref name="account"/> may publish on, or why there is
        /// none. A sign-off through a review link vouches for the content only to someone other than the link's maker: else one
        /// Editor alone could publish their own text under a clinician's name they typed into their own link.
        /// </summary>
        /// <param name="readersSeeIt">What readers read of the article when it is this very content (only the review may
        /// differ; not a scheduled one, which may be rescheduled as it is), else null. A sign-off whose review readers already
        /// see publishes nothing new: when what differs is a review through a link the account made, they may not publish
        /// it, as if that were the only sign-off (an older Reviewer's sign-off of the same content does not make them its publisher).</param>
        public (ReviewSignOff? SignOff, WorkflowRefusal? Refusal) ForPublishing(Article article, string fingerprint, bool live, Article? readersSeeIt, string? account)
        {
            var ofContent = SignOffs.Where(s => s.ContentFingerprint == fingerprint).ToList();
            if (ofContent.Count == 0)
                return (null, new WorkflowRefusal(NoSignOff(article, live), ForRole: false));
            if (ofContent.LastOrDefault(s => !ThroughLinkMadeBy(s, account)) is { } signOff && !(readersSeeIt is not null && signOff.IsShownOn(readersSeeIt)))
                return (signOff, null);
            return (null, ofContent.Any(s => ThroughLinkMadeBy(s, account)) ? OwnLinkRefusal : NothingToPublishRefusal);
        }

        private bool ThroughLinkMadeBy(ReviewSignOff signOff, string? account) =>
            signOff.ReviewLinkId is { } linkId && LinkMakers.TryGetValue(linkId, out var maker)
            && string.Equals(maker, account, StringComparison.OrdinalIgnoreCase);
    }

    private static string NoSignOff(Article article, bool live) =>
        live
            ? "The changes cannot be published: the article's current content has no medical review signed off. Submit the changes for review; once a Reviewer signs off the current content, publish the changes."
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

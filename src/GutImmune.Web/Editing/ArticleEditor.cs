using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Operations;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Editing;

/// <summary>
/// The one way content changes. Each save runs in a transaction: load the article, refuse it if someone saved since
/// the editor's version, apply the change, validate the whole article, bump the version and store a revision.
/// A save changes the working copy (the article's rows); readers see the article's reader edition, which only
/// publishing writes (<see cref="PublishAsync"/>) and unpublishing removes. Each save's outcome is counted
/// (<see cref="SiteMetrics.Names.ArticleSaves"/>).
/// </summary>
public sealed class ArticleEditor(GutImmuneDbContext db, TimeProvider clock, CurrentEditor editor, AuditLog audit, EditionPublisher editions,
    ReaderPageCache readerPages, RevisionHistory revisions, SiteMetrics metrics, Media.MediaPictures media, Media.ArticleFileImages fileImages,
    ReviewDiscussion discussion)
{
    /// <summary>A change to a loaded article; returns problems that refuse it (e.g. a reference that is still cited), or none.</summary>
    public delegate IEnumerable<ContentProblem>? Change(Article article);

    public Task<EditOutcome> CreateAsync(Article article, string description, CancellationToken cancellationToken) =>
        CreateAsync(article, description, alongside: null, cancellationToken);

    /// <summary>As above; <paramref name="alongside"/> adds what is saved with the new article (its audit entry).</summary>
    public async Task<EditOutcome> CreateAsync(Article article, string description, Action? alongside, CancellationToken cancellationToken)
    {
        var outcome = await CreateArticleAsync(article, description, alongside, cancellationToken);
        metrics.ArticleSaved(outcome);
        return outcome;
    }

    /// <param name="afterLostRace">This is the second attempt after a lost race: a unique key the checks do not name
    /// would otherwise be tried again without end.</param>
    private async Task<EditOutcome> CreateArticleAsync(Article article, string description, Action? alongside, CancellationToken cancellationToken,
        bool afterLostRace = false)
    {
        article.NormalizeText();
        if (await ProblemsAsync(article, cancellationToken) is { Count: > 0 } problems)
            return new EditOutcome.Invalid(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await UseExistingTopicsAsync(article, cancellationToken);
        var now = Now;
        article.CreatedAt = now;
        article.UpdatedAt = now;
        article.Version = 1;
        article.NormalizePositions();
        db.Articles.Add(article);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e) && !afterLostRace)
        {
            // Another save took this slug, or created a topic named here, between the checks above and this save: the
            // article is checked again, as if sent a moment later (the slug's message; or the topic, now there, reused).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            article.Topics = [.. article.Topics.Select(t => new Topic { Slug = t.Slug, Name = t.Name })];
            return await CreateArticleAsync(article, description, alongside, cancellationToken, afterLostRace: true);
        }
        await revisions.AddAsync(article, Now, editor.Name, description, cancellationToken);
        alongside?.Invoke();
        var published = article.Status == ArticleStatus.Published;
        if (published)
            await editions.PublishAsync(article, changeNote: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (published)
            await readerPages.EvictAsync([article.Slug], article.Topics.Select(t => t.Id), cancellationToken);
        return new EditOutcome.Saved(article.Id, article.Version);
    }

    public Task<EditOutcome> EditAsync(int articleId, int expectedVersion, string description, Change change, CancellationToken cancellationToken) =>
        EditAsync(articleId, expectedVersion, () => description, change, cancellationToken);

    /// <summary>
    /// As above, with a description worked out by the change itself (e.g. naming the fact it found). When someone saved
    /// since <paramref name="expectedVersion"/>, the change is merged with theirs unless both changed the same field.
    /// </summary>
    public Task<EditOutcome> EditAsync(int articleId, int expectedVersion, Func<string> description, Change change, CancellationToken cancellationToken) =>
        SaveOrForgetAsync(articleId, expectedVersion, description, change, shown: null, target: null, publish: false, changeNote: null, cancellationToken);

    /// <summary>
    /// As above, for a change to one part of the article (<paramref name="target"/>), which <paramref name="change"/> finds
    /// in the article it is given: when the article no longer has it, nothing is changed and the outcome says why
    /// (<see cref="EditOutcome.PartGone"/>, or <see cref="EditOutcome.NotFound"/> when it never was there). A change that
    /// adds the part (<see cref="TargetPart.New"/>) is merged with saves since the editor's version like any other, unless
    /// one of them added the same part (<see cref="EditOutcome.AddedAlready"/>).
    /// </summary>
    public Task<EditOutcome> EditAsync(int articleId, int expectedVersion, Func<string> description, TargetPart target, Change change,
        CancellationToken cancellationToken) =>
        SaveOrForgetAsync(articleId, expectedVersion, description, change, shown: null, target, publish: false, changeNote: null, cancellationToken);

    /// <summary>
    /// As above, for a change that sets the article's lists of parts to what a page listed (<paramref name="shown"/>): in a
    /// merge, a part others removed since the page was opened stays removed unless the editor changed it (a conflict).
    /// </summary>
    public Task<EditOutcome> EditAsync(int articleId, int expectedVersion, string description, Change change, ShownParts shown,
        CancellationToken cancellationToken) =>
        SaveOrForgetAsync(articleId, expectedVersion, () => description, change, shown, target: null, publish: false, changeNote: null, cancellationToken);

    /// <summary>
    /// As <see cref="EditAsync(int, int, Func{string}, Change, CancellationToken)"/>, and then readers see the article as
    /// it is now (its working copy, with <paramref name="change"/>): its reader edition is written even when only the
    /// working copy differs from it. The editorial workflow (Publishing/ArticleWorkflow) is what calls it, with its gate.
    /// <paramref name="changeNote"/> is the public note of a change to a live article, kept with the edition.
    /// </summary>
    public Task<EditOutcome> PublishAsync(int articleId, int expectedVersion, Func<string> description, Change change, string? changeNote,
        CancellationToken cancellationToken) =>
        SaveOrForgetAsync(articleId, expectedVersion, description, change, shown: null, target: null, publish: true, changeNote, cancellationToken);

    /// <summary>Gives the working copy back the content readers see (a new revision); changes not yet published are dropped.</summary>
    public async Task<EditOutcome> DiscardChangesAsync(int articleId, int expectedVersion, CancellationToken cancellationToken)
    {
        if (await editions.LiveContentAsync(articleId, cancellationToken) is not var (live, liveVersion))
            return new EditOutcome.NotFound();
        return await EditAsync(articleId, expectedVersion, $"Discarded the changes not yet published (back to version {liveVersion} as published)", article =>
        {
            ReplaceContent(article, live);
            audit.Add(AuditLog.Actions.DiscardedChanges, AuditTarget(article), $"back to version {liveVersion} as published");
            return null;
        }, cancellationToken);
    }

    /// <summary>The working copy's fields that differ from what readers see, or null when readers see nothing of the article.</summary>
    public async Task<IReadOnlyList<UnpublishedChange>?> UnpublishedChangesAsync(Article workingCopy, CancellationToken cancellationToken)
    {
        if (await editions.LiveContentAsync(workingCopy.Id, cancellationToken) is not var (live, _))
            return null;
        // The published content on a copy carrying the article's ids, so that each field is compared with its own.
        var published = (await LoadAsync(db.Articles.AsNoTracking(), workingCopy.Id, cancellationToken))!;
        ReplaceContent(published, live);
        var was = ArticleFields.Of(published);
        var now = ArticleFields.Of(workingCopy);
        return ChangedFields(was, now)
            .Select(key => (Was: was.GetValueOrDefault(key), Now: now.GetValueOrDefault(key)))
            .Select(f => new UnpublishedChange((f.Now ?? f.Was)!.Label, f.Was?.Display ?? "(none)", f.Now?.Display ?? "(removed)"))
            .ToList();
    }

    private async Task<EditOutcome> SaveOrForgetAsync(int articleId, int expectedVersion, Func<string> description, Change change, ShownParts? shown,
        TargetPart? target, bool publish, string? changeNote, CancellationToken cancellationToken)
    {
        var outcome = await SaveAsync(articleId, expectedVersion, description, change, shown, target, publish, changeNote, cancellationToken);
        metrics.ArticleSaved(outcome);
        // A save that wrote nothing leaves nothing behind: neither the change nor an audit entry it added, which the
        // next SaveChanges of this request would otherwise write outside any edit.
        if (outcome is not EditOutcome.Saved { Changed: true })
            db.ChangeTracker.Clear();
        return outcome;
    }

    /// <param name="publish">Make the saved content what readers see, even when only the working copy differs from it.</param>
    /// <param name="afterLostRace">This is the second attempt after a lost race (see <see cref="CreateArticleAsync"/>).</param>
    private async Task<EditOutcome> SaveAsync(int articleId, int expectedVersion, Func<string> description, Change change, ShownParts? shown,
        TargetPart? target, bool publish, string? changeNote, CancellationToken cancellationToken, bool afterLostRace = false)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var article = await LoadForEditingAsync(articleId, cancellationToken);
        if (article is null)
            return new EditOutcome.NotFound();
        if (target is { IsNew: false } && !target.IsIn(article))
            return await MissingPartAsync(article, expectedVersion, target, cancellationToken);

        var previousVersion = article.Version;
        var previousSlug = article.Slug;
        var previousStatus = article.Status;
        // Compared as it would be saved: text stored before a cleaning rule was added (reordering controls) is no change.
        article.NormalizeText();
        var before = ArticleFileWriter.Write(article);
        var referencesBefore = NumbersOf(article);
        if (article.Version != expectedVersion)
        {
            if (await MergeAsync(article, expectedVersion, change, shown, target, cancellationToken) is { } refused)
                return refused;
        }
        else if (change(article)?.ToList() is { Count: > 0 } refusals)
            return new EditOutcome.Invalid(refusals);
        // A page of the whole article removes references by leaving them out; the numbers after each move up, as when it
        // is deleted on its own page.
        if (shown is not null && CitationMarkers.CloseGapsLeftBy(article, referencesBefore.Where(r => !article.Citations.Contains(r.Key)).Select(r => r.Value))
                is { Count: > 0 } stillCited)
            return new EditOutcome.Invalid(stillCited, previousVersion != expectedVersion ? article : null);

        article.NormalizeText();
        article.NormalizePositions();
        // Saving an unchanged form is not a change: no new version, so nobody else's open form goes stale. A review signed
        // off is one even when the article shows the same review as before (same reviewer name and day, new content).
        var signedOff = SignOffAdded();
        // Submitting for review and signing a review off (whatever the status: a live article's changes too) say the article
        // is ready for readers: as publishing, they need an article without problems. Judged by what the change itself did,
        // not by a status a save gives of its own.
        var readyForReaders = publish || signedOff || article.Status != previousStatus && article.Status is ArticleStatus.InReview or ArticleStatus.Approved;
        if (ArticleFileWriter.Write(article) == before && !signedOff
            && !(publish && await UnpublishedChangesAsync(article, cancellationToken) is not [] and not null))
            return new EditOutcome.Saved(article.Id, article.Version, Changed: false);
        var approvedNote = signedOff ? null : await ApproveSignedOffContentAsync(article, cancellationToken);
        var unreviewedNote = signedOff ? null : await ApprovalLostAsync(article, previousStatus, cancellationToken);
        var problems = await ProblemsAsync(article, cancellationToken);
        // A problem the stored article already has (text saved before a rule was added, an image since deleted) does not
        // refuse an ordinary save: else a form could not save because another part breaks the rule, and the part's own
        // form because of the first.
        if (problems.Count > 0 && !readyForReaders)
            problems = (await StoredProblemsAsync(articleId, cancellationToken)).BroughtBy(article, problems);
        if (problems.Count > 0)
            return new EditOutcome.Invalid(problems, previousVersion != expectedVersion ? article : null);
        await UseExistingTopicsAsync(article, cancellationToken);

        if (article.Slug != previousSlug && article.PublishedAt is not null)
            await KeepOldSlugWorkingAsync(article, previousSlug, cancellationToken);
        AuditStatusChange(article, previousStatus, publish);

        article.Version++;
        article.UpdatedAt = Now;
        var revision = await revisions.AddAsync(article, Now, editor.Name,
            (previousVersion == expectedVersion ? description() : $"{description()} (merged with version {previousVersion})")
            + approvedNote + unreviewedNote, cancellationToken);
        // Only publishing and unpublishing change what readers see; any other save of a live article (its changes going
        // through review too) stays in its working copy.
        var unpublished = article.Status == ArticleStatus.Unpublished && previousStatus != ArticleStatus.Unpublished;
        var replaced = publish ? await editions.PublishAsync(article, changeNote, cancellationToken)
            : unpublished ? await editions.WithdrawAsync(article.Id, cancellationToken)
            : null;
        var readersSeeChange = publish || unpublished;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new EditOutcome.Conflict(articleId, expectedVersion, previousVersion + 1, []);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e) && !afterLostRace)
        {
            // Another save took the new slug, or created a topic named here, between the checks above and this save: the
            // change is made again, once, as if sent a moment later (the slug's message; or the topic, now there, joined).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await SaveAsync(articleId, expectedVersion, description, change, shown, target, publish, changeNote, cancellationToken, afterLostRace: true);
        }
        // A reference the save added has its id only now.
        if (revision.RecordReferenceIds(article))
            await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (readersSeeChange)
            await readerPages.EvictAsync([.. replaced is null ? [] : new[] { replaced.Slug }, article.Slug],
                (replaced?.TopicIds ?? []).Concat(article.Topics.Select(t => t.Id)), cancellationToken);
        return new EditOutcome.Saved(article.Id, article.Version);
    }

    /// <summary>
    /// Why <paramref name="current"/> lacks <paramref name="target"/>, which an editor who started from
    /// <paramref name="expectedVersion"/> names: a save since deleted it (<see cref="EditOutcome.PartGone"/>), or it never was
    /// in the article (<see cref="EditOutcome.NotFound"/>: no id, or another article's part). Snapshots carry no ids: it was
    /// there when that version has a part of its kind that the article has no longer (<see cref="PartContent"/>); when that
    /// version's snapshot was dropped, it counts as deleted, so that what the editor typed is not lost.
    /// </summary>
    public async Task<EditOutcome> MissingPartAsync(Article current, int expectedVersion, TargetPart target, CancellationToken cancellationToken)
    {
        if (target.Id is not > 0 || expectedVersion < 1 || expectedVersion >= current.Version
            || await InAnotherArticleAsync(target.Kind, target.Id.Value, cancellationToken))
            return new EditOutcome.NotFound();
        var started = await VersionAsync(current.Id, expectedVersion, cancellationToken);
        return started is null || PartContent.Gained(current, started, target.Kind).Count > 0
            ? new EditOutcome.PartGone(current.Id, expectedVersion, current.Version, target.Kind)
            : new EditOutcome.NotFound();
    }

    /// <summary>Whether a part of <paramref name="kind"/> with <paramref name="id"/> exists; called for one the article lacks, so it is another article's.</summary>
    private Task<bool> InAnotherArticleAsync(PartKind kind, int id, CancellationToken cancellationToken) => kind switch
    {
        PartKind.Section => db.Sections.AnyAsync(s => s.Id == id, cancellationToken),
        PartKind.Fact => db.Facts.AnyAsync(f => f.Id == id, cancellationToken),
        PartKind.Cause => db.Causes.AnyAsync(c => c.Id == id, cancellationToken),
        _ => db.Citations.AnyAsync(c => c.Id == id, cancellationToken),
    };

    /// <summary>The article as a revision left it (without ids but, when it recorded them, its references'), or null when there is no such revision.</summary>
    private Task<Article?> VersionAsync(int articleId, int version, CancellationToken cancellationToken) =>
        revisions.VersionAsync(articleId, version, Now, cancellationToken);

    /// <summary>
    /// An article left in review with content a review signed off before (its changes edited back, or submitted again as
    /// they were) is approved with that review shown, as a restored revision is (<see cref="ReplaceContentUnderReview"/>):
    /// nobody is asked to review again what was signed off, and the next step is publishing it (for a sign-off through a
    /// review link, by someone other than the link's maker). Not while a review thread is open, and never on a sign-off
    /// a request for changes took back (<see cref="ReviewSignOff.ByContentAsync"/>). A live article whose working copy is
    /// then exactly what readers see (its changes edited back, its review the one they read) has nothing to publish: it is
    /// published, as if the changes had never been made. Returns what its revision says of it, or null when it stays in review.
    /// </summary>
    private async Task<string?> ApproveSignedOffContentAsync(Article article, CancellationToken cancellationToken)
    {
        if (article.Status != ArticleStatus.InReview
            || (await ReviewSignOff.ByContentAsync(db, article.Id, cancellationToken)).GetValueOrDefault(await ContentFingerprint.OfAsync(db, article, cancellationToken)) is not { } signOff
            || await discussion.OpenThreadCountAsync(article.Id, cancellationToken) > 0)
            return null;
        signOff.ShowOn(article);
        article.Status = ArticleStatus.Published;
        if (await UnpublishedChangesAsync(article, cancellationToken) is [])
            return " (back to what readers see: no change left to publish)";
        article.Status = ArticleStatus.Approved;
        return " (its content was signed off before: approved)";
    }

    /// <summary>
    /// An approved article saved with content no review signed off (a form's change) is unreviewed as an imported or restored
    /// one is (<see cref="Unreviewed"/>): it returns to draft, so that it is submitted and reviewed again instead of waiting
    /// as approved for a publication the review gate refuses. Returns what its revision says of it, or null when it stays.
    /// </summary>
    private async Task<string?> ApprovalLostAsync(Article article, ArticleStatus previousStatus, CancellationToken cancellationToken)
    {
        if (previousStatus != ArticleStatus.Approved || article.Status != ArticleStatus.Approved
            || (await ReviewSignOff.ByContentAsync(db, article.Id, cancellationToken)).ContainsKey(await ContentFingerprint.OfAsync(db, article, cancellationToken)))
            return null;
        Unreviewed(article, await editions.IsLiveAsync(article.Id, cancellationToken));
        return article.Status == ArticleStatus.Draft
            ? " (its content has no sign-off: returned to draft)"
            : " (its changes have no sign-off: out of review, readers keep the published version)";
    }

    /// <summary>
    /// Whether the change signed off a review (added with DbSet.Add, so tracked at once). Read without detecting changes:
    /// that would track the new topics a form names before they are matched to the existing ones.
    /// </summary>
    private bool SignOffAdded()
    {
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.ChangeTracker.Entries<ReviewSignOff>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/>, made on <paramref name="expectedVersion"/>, to the article as others have saved
    /// it since: a three-way merge by field, with the editor's version as the base. Parts others added, which the
    /// editor's form could not know, are kept where they were added. Returns null when merged, or why not: both changed
    /// the same field to different values, or the editor removed a part others changed (a conflict, carrying the merge
    /// with the editor's side of those fields), or a change to one part (a move) reordered a list that others reordered
    /// otherwise since (a conflict showing both orders), or the change is refused. Parts others removed that the page still
    /// <paramref name="shown"/> stay removed unless the editor changed them (a conflict). A new part the change adds
    /// (<paramref name="target"/>), or a new fact or cause of a page of the whole article, that equals one added since is not
    /// added again (<see cref="EditOutcome.AddedAlready"/>).
    /// </summary>
    private async Task<EditOutcome?> MergeAsync(Article current, int expectedVersion, Change change, ShownParts? shown, TargetPart? target,
        CancellationToken cancellationToken)
    {
        var started = expectedVersion < current.Version ? await VersionAsync(current.Id, expectedVersion, cancellationToken) : null;
        if (started is null)
            return new EditOutcome.Conflict(current.Id, expectedVersion, current.Version, []);

        var numbering = await NumberingSinceAsync(current, started, expectedVersion, cancellationToken);
        // The version the editor saw, carrying the ids the article has now, so that the change finds what it names.
        var mine = (await LoadAsync(db.Articles.AsNoTracking(), current.Id, cancellationToken))!;
        ReplaceContent(mine, started);
        mine.NormalizeText();
        if (!numbering.Unchanged)
            IdentifyReferences(mine, current, numbering);
        // A part added since the editor's version, named by a form of that version: there is nothing of it to merge with.
        if (target is { IsNew: false } && !target.IsIn(mine))
            return new EditOutcome.Conflict(current.Id, expectedVersion, current.Version, []);
        var startedFields = ArticleFields.Of(mine);
        var startedFieldsToday = numbering.Unchanged ? startedFields : FieldsInNumbering(mine, numbering);
        var known = PartIds.Of(mine);
        var startedOrder = PartOrder.Of(mine);
        var startedTexts = mine.MarkdownFields().Select(f => f.Text).ToList();
        var startedReferences = mine.Citations.ToHashSet(ReferenceEqualityComparer.Instance);
        if (TryOnCopy(change, mine) is { Count: > 0 } refusedOnTheirVersion)
            return new EditOutcome.Invalid(refusedOnTheirVersion);
        // The editor typed markers in the numbering of their version. A reference's own form numbers references in the
        // article it is given, and rewrites the markers itself. References a page of the whole article added follow today's.
        var markersNumbering = target?.Kind == PartKind.Reference ? null
            : numbering.WithAdded(mine.Citations.Where(c => !startedReferences.Contains(c)).Select(c => c.Number),
                current.Citations.Select(c => c.Number).DefaultIfEmpty(0).Max());
        if (markersNumbering is not null && CitingLostReferences(mine, startedTexts, markersNumbering) is { Count: > 0 } citingLost)
            return new EditOutcome.Invalid(citingLost, SinceOpened: true);
        var editorsOrder = PartOrder.Of(mine);
        mine.NormalizeText();
        mine.NormalizePositions();
        var editorsFields = ArticleFields.Of(mine);
        var changedByEditor = ChangedFields(startedFields, editorsFields);
        var theirs = ArticleFields.Of(current);
        // Markers others' reference changes renumbered are no change of theirs to the text: the merge renumbers the editor's too.
        var changedByOthers = ChangedFields(startedFieldsToday, theirs);
        // A move is made on the order the editor saw: on another order since, one place up or down is not what they asked for.
        var onePartChanged = target is not null;
        if (onePartChanged && PartOrder.ReorderedByBoth(startedOrder, editorsOrder, PartOrder.Of(current)) is { } reordered)
            return new EditOutcome.Conflict(current.Id, expectedVersion, current.Version,
                [new ConflictingField(reordered, theirs[reordered].Label, theirs[reordered].Display, editorsFields[reordered].Display, EditorChangedIt: true)]);
        var theirParts = PartLists.Of(current);
        var existing = PartIds.Of(current);
        var addedSince = target is { IsNew: true } ? PartContent.Gained(started, current, target.Kind) : [];
        // A page of the whole article adds parts without saying which: its new facts and causes are checked the same way.
        var itemsAddedSince = shown is null ? [] : new[] { PartKind.Fact, PartKind.Cause }.ToDictionary(k => k, k => PartContent.Gained(started, current, k));

        var numbersBefore = NumbersOf(current);
        if (change(current)?.ToList() is { Count: > 0 } refusals)
            return new EditOutcome.Invalid(refusals);
        if (markersNumbering is { Unchanged: false })
            ToTodaysNumbering(current, shown is null ? null : numbersBefore, markersNumbering);
        var revived = shown is null ? null : RevivedParts.Find(current, shown, existing);
        theirParts.KeepAddedByOthers(current, known);
        theirParts.KeepTheirOrderUnlessReordered(current, startedOrder, editorsOrder, onePartChanged);
        current.NormalizeText();
        current.NormalizePositions();
        if (addedSince.Count > 0 && PartContent.Of(current, target!.Kind).Any(part => part.Id == 0 && addedSince.Contains(part.Content)))
            return new EditOutcome.AddedAlready(current.Id, expectedVersion, current.Version, target.Kind);
        var addedAgain = itemsAddedSince.Where(k => PartContent.RemoveNew(current, k.Key, k.Value) > 0).Select(k => (PartKind?)k.Key).FirstOrDefault();
        current.NormalizePositions();
        var conflicts = revived?.DropUnchanged(current, started) ?? [];
        var merged = ArticleFields.Of(current);
        foreach (var (key, was) in theirs)
        {
            var now = merged.GetValueOrDefault(key);
            if (now is not null && Equals(now.Value, was.Value))
                continue;
            // Which parts a list holds is merged above; only a list whose owner the editor removed is left to decide here.
            if (was.Set is null && now is not null)
                continue;
            var editorChangedIt = changedByEditor.Contains(key);
            var othersChangedIt = changedByOthers.Contains(key);
            if (editorChangedIt && !othersChangedIt)
                continue;
            // A form posts all its fields, so the change also wrote ones the editor left as they were: keep what is there now.
            if (!editorChangedIt && (was.Set?.Invoke(current, was.Value) ?? false))
                continue;
            conflicts.Add(new ConflictingField(key, was.Label, was.Display, now?.Display ?? "(removed)", editorChangedIt));
        }
        if (conflicts.Count > 0)
            return new EditOutcome.Conflict(current.Id, expectedVersion, current.Version, conflicts, current, markersNumbering);
        return addedAgain is { } kind ? new EditOutcome.AddedAlready(current.Id, expectedVersion, current.Version, kind, current) : null;
    }

    /// <summary>
    /// How the references' numbers moved from <paramref name="started"/> (the editor's version) to <paramref name="current"/>,
    /// followed through the revisions between; the snapshots are only read when the references differ.
    /// </summary>
    private async Task<ReferenceNumbering> NumberingSinceAsync(Article current, Article started, int expectedVersion, CancellationToken cancellationToken)
    {
        IReadOnlyList<(int, Article)> between = [];
        if (!PartContent.Of(started, PartKind.Reference).Select(p => p.Content).SequenceEqual(PartContent.Of(current, PartKind.Reference).Select(p => p.Content))
            || !started.Citations.Select(c => c.Number).SequenceEqual(current.Citations.Select(c => c.Number))
            || (ReferenceNumbering.HasIds(started) && !started.Citations.Select(c => c.Id).SequenceEqual(current.Citations.Select(c => c.Id))))
            between = await revisions.VersionsBetweenAsync(current.Id, expectedVersion, current.Version, Now, cancellationToken);
        return ReferenceNumbering.Follow(started, [.. between, (current.Version, current)]);
    }

    /// <summary>
    /// Gives the references of the editor's version (<paramref name="mine"/>, followed to today's by <paramref name="numbering"/>) the ids of the
    /// references they are today, so that one inserted or renumbered since is not taken for one that version had (and the
    /// editor for having removed it); one lost since gets none.
    /// </summary>
    private static void IdentifyReferences(Article mine, Article current, ReferenceNumbering numbering)
    {
        var idByNumber = current.Citations.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => g.First().Id);
        foreach (var citation in mine.Citations)
            citation.Id = numbering.NumberNow(citation.Number) is { } now ? idByNumber.GetValueOrDefault(now) : 0;
    }

    /// <summary>
    /// The texts the editor wrote (none of their version's) that cite a reference removed since, or one the revisions
    /// cannot follow: which work such a marker means today cannot be told, so the save is refused with the text kept.
    /// </summary>
    private static List<ContentProblem> CitingLostReferences(Article editors, List<string> startedTexts, ReferenceNumbering numbering)
    {
        var problems = new List<ContentProblem>();
        foreach (var field in editors.MarkdownFields())
        {
            if (startedTexts.Remove(field.Text))
                continue;
            problems.AddRange(numbering.LostCitedIn(field.Text).Select(cited => new ContentProblem(field.Place,
                $"the citation {cited.Marker} cites reference {cited.Reference.Number} as numbered when you opened the page (“{cited.Reference.Title}”), "
                + (cited.Reference.Removed
                    ? $"which someone removed since (version {cited.Reference.Version}). Cite another reference or remove the marker; nothing was saved."
                    : $"which someone changed since (version {cited.Reference.Version}) so that its number now cannot be told. Check the references and cite again; nothing was saved."))));
        }
        return problems;
    }

    /// <summary>
    /// Puts what the change wrote in the numbering of the editor's version into today's, so each marker cites the same
    /// work: every Markdown text (one the editor left as it was is set back to the others' by the merge) and, for a page
    /// of the whole article (which sends every reference's number as the page showed it), each number the change set
    /// (<paramref name="numbersBefore"/>: the numbers before it).
    /// </summary>
    private static void ToTodaysNumbering(Article merged, Dictionary<Citation, int>? numbersBefore, ReferenceNumbering numbering)
    {
        foreach (var field in merged.MarkdownFields().ToList())
        {
            var renumbered = numbering.Renumber(field.Text);
            if (renumbered != field.Text)
                field.Update(renumbered);
        }
        if (numbersBefore is null)
            return;
        foreach (var citation in merged.Citations.Where(c => !numbersBefore.TryGetValue(c, out var before) || before != c.Number))
            citation.Number = numbering.Renumber(citation.Number);
        merged.Citations.Sort((a, b) => a.Number.CompareTo(b.Number));
    }

    /// <summary>The fields of <paramref name="article"/> with the markers of its texts put in today's numbering (the article is left as it was).</summary>
    private static Dictionary<string, ArticleFields.Field> FieldsInNumbering(Article article, ReferenceNumbering numbering)
    {
        var texts = article.MarkdownFields().ToList();
        foreach (var field in texts)
            field.Update(numbering.Renumber(field.Text));
        var fields = ArticleFields.Of(article);
        foreach (var field in texts)
            field.Update(field.Text);
        return fields;
    }

    private static Dictionary<Citation, int> NumbersOf(Article article)
    {
        var numbers = new Dictionary<Citation, int>(ReferenceEqualityComparer.Instance);
        foreach (var citation in article.Citations)
            numbers[citation] = citation.Number;
        return numbers;
    }

    /// <summary>The ids of an article's parts: which sections, facts, causes and references a version of it holds.</summary>
    private sealed record PartIds(HashSet<int> Sections, HashSet<int> Facts, HashSet<int> Causes, HashSet<int> Citations)
    {
        public static PartIds Of(Article article) => new(
            article.Sections.Select(s => s.Id).ToHashSet(),
            article.Sections.SelectMany(s => s.Facts).Select(f => f.Id).ToHashSet(),
            article.Sections.SelectMany(s => s.Causes).Select(c => c.Id).ToHashSet(),
            article.Citations.Select(c => c.Id).ToHashSet());
    }

    /// <summary>
    /// The parts a change made anew because the page still showed them by an id others have removed since: the merge
    /// drops each one the editor left as it was in the version the page showed, and keeps one the editor changed, as a
    /// conflict against the removal.
    /// </summary>
    private sealed record RevivedParts(List<(int Id, Section Section)> Sections, List<(int Id, Section In, Fact Fact)> Facts,
        List<(int Id, Section In, Cause Cause)> Causes, List<(int Id, Citation Citation)> Citations)
    {
        /// <summary>
        /// Finds them in <paramref name="merged"/> right after the change, whose lists follow the page's order (references by
        /// number), so each part is where <paramref name="shown"/> lists its id.
        /// </summary>
        public static RevivedParts Find(Article merged, ShownParts shown, PartIds existing)
        {
            bool Gone(int id, HashSet<int> ids) => id != 0 && !ids.Contains(id);
            var revived = new RevivedParts([], [], [], []);
            if (merged.Sections.Count != shown.Sections.Count || merged.Citations.Count != shown.References.Count)
                return revived;
            for (var i = 0; i < merged.Sections.Count; i++)
            {
                var section = merged.Sections[i];
                if (Gone(shown.Sections[i], existing.Sections))
                {
                    revived.Sections.Add((shown.Sections[i], section));
                    continue;
                }
                var (facts, causes) = (shown.Facts[i], shown.Causes[i]);
                revived.Facts.AddRange(section.Facts.Select((f, j) => (Id: j < facts.Count ? facts[j] : 0, section, f)).Where(p => Gone(p.Id, existing.Facts)));
                revived.Causes.AddRange(section.Causes.Select((c, j) => (Id: j < causes.Count ? causes[j] : 0, section, c)).Where(p => Gone(p.Id, existing.Causes)));
            }
            revived.Citations.AddRange(merged.Citations.Select((c, k) => (shown.References[k], c)).Where(p => Gone(p.Item1, existing.Citations)));
            return revived;
        }

        /// <summary>Drops from <paramref name="merged"/> the parts equal to one of <paramref name="started"/> (the version the page showed); returns the others as conflicts.</summary>
        public List<ConflictingField> DropUnchanged(Article merged, Article started)
        {
            var conflicts = new List<ConflictingField>();
            var sections = started.Sections.Select(s => Json(ArticleFileWriter.ToPart(s))).ToHashSet();
            var facts = started.Sections.SelectMany(s => s.Facts).Select(f => f.Text).ToHashSet();
            var causes = started.Sections.SelectMany(s => s.Causes).Select(c => (c.Title, c.Description)).ToHashSet();
            var citations = started.Citations.Select(c => Json(ArticleFileWriter.ToPart(c))).ToHashSet();
            foreach (var (id, section) in Sections)
                Decide(sections.Contains(Json(ArticleFileWriter.ToPart(section))), () => merged.Sections.Remove(section),
                    $"section{id}", $"Section ‘{section.Heading}’", section.Heading);
            foreach (var (id, section, fact) in Facts)
                Decide(facts.Contains(fact.Text), () => section.Facts.Remove(fact), $"fact{id}", $"Section ‘{section.Heading}’ — a fact", fact.Text);
            foreach (var (id, section, cause) in Causes)
                Decide(causes.Contains((cause.Title, cause.Description)), () => section.Causes.Remove(cause),
                    $"cause{id}", $"Section ‘{section.Heading}’ — a cause", $"{cause.Title}: {cause.Description}");
            foreach (var (id, citation) in Citations)
                Decide(citations.Contains(Json(ArticleFileWriter.ToPart(citation))), () => merged.Citations.Remove(citation),
                    $"reference{id}", $"Reference {citation.Number}", $"{citation.Authors} {citation.Title}");
            merged.NormalizePositions();
            return conflicts;

            // Its key names the removed part's id, which no block of the page shown again has: the page lists it at the top.
            void Decide(bool asShown, Action drop, string key, string label, string yours)
            {
                if (asShown)
                    drop();
                else
                    conflicts.Add(new ConflictingField($"{key}.removed", $"{label}, removed by someone else since you opened the page",
                        "(removed)", yours, EditorChangedIt: true));
            }
        }

        private static string Json<T>(T part) => System.Text.Json.JsonSerializer.Serialize(part, ArticleFile.JsonOptions);
    }

    /// <summary>The order of an article's parts by id: sections, and each section's facts and causes.</summary>
    private sealed record PartOrder(List<int> Sections, Dictionary<int, List<int>> Facts, Dictionary<int, List<int>> Causes)
    {
        public static PartOrder Of(Article article) => new([.. article.Sections.Select(s => s.Id)],
            article.Sections.Where(s => s.Id != 0).ToDictionary(s => s.Id, s => s.Facts.Select(f => f.Id).ToList()),
            article.Sections.Where(s => s.Id != 0).ToDictionary(s => s.Id, s => s.Causes.Select(c => c.Id).ToList()));

        /// <summary>Each list as <see cref="ArticleFields"/> keys it ("sections", "section12.facts"), with its ids.</summary>
        private IEnumerable<(string Key, List<int> Ids)> Lists =>
            new[] { ("sections", Sections) }
                .Concat(Facts.Select(f => ($"section{f.Key}.facts", f.Value)))
                .Concat(Causes.Select(c => ($"section{c.Key}.causes", c.Value)));

        /// <summary>
        /// The key of the first list that the editor reordered (<paramref name="started"/> against <paramref name="editors"/>)
        /// and others reordered otherwise since (<paramref name="theirs"/>); null when there is none.
        /// </summary>
        public static string? ReorderedByBoth(PartOrder started, PartOrder editors, PartOrder theirs)
        {
            var startedLists = started.Lists.ToDictionary(l => l.Key, l => l.Ids);
            var theirLists = theirs.Lists.ToDictionary(l => l.Key, l => l.Ids);
            return editors.Lists.FirstOrDefault(list =>
            {
                var before = startedLists.GetValueOrDefault(list.Key);
                var now = theirLists.GetValueOrDefault(list.Key);
                return Reordered(before, list.Ids) && Reordered(before, now) && Reordered(now, list.Ids);
            }).Key;
        }

        /// <summary>Whether the parts both lists have come in a different order in <paramref name="after"/>.</summary>
        public static bool Reordered(List<int>? before, List<int>? after)
        {
            if (before is null || after is null)
                return false;
            var both = before.Intersect(after).Where(id => id != 0).ToHashSet();
            return !before.Where(both.Contains).SequenceEqual(after.Where(both.Contains));
        }
    }

    /// <summary>An article's lists of parts as others saved them, before a change made on an older version replaces them.</summary>
    private sealed record PartLists(List<Section> Sections, Dictionary<Section, (List<Fact> Facts, List<Cause> Causes)> Items, List<Citation> Citations)
    {
        public static PartLists Of(Article article) => new([.. article.Sections],
            article.Sections.ToDictionary(s => s, s => (s.Facts.ToList(), s.Causes.ToList())),
            [.. article.Citations]);

        /// <summary>
        /// Puts back into <paramref name="merged"/> the parts others added that the change dropped because the version it was
        /// made on (<paramref name="known"/>) did not have them; each goes after the part it followed.
        /// </summary>
        public void KeepAddedByOthers(Article merged, PartIds known)
        {
            Keep(merged.Sections, Sections, s => known.Sections.Contains(s.Id));
            var facts = merged.Sections.SelectMany(s => s.Facts).ToHashSet(ReferenceEqualityComparer.Instance);
            var causes = merged.Sections.SelectMany(s => s.Causes).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var section in merged.Sections)
            {
                if (!Items.TryGetValue(section, out var theirs))
                    continue;
                Keep(section.Facts, theirs.Facts, f => known.Facts.Contains(f.Id) || facts.Contains(f));
                Keep(section.Causes, theirs.Causes, c => known.Causes.Contains(c.Id) || causes.Contains(c));
            }
            Keep(merged.Citations, Citations, c => known.Citations.Contains(c.Id));
            var byNumber = merged.Citations.OrderBy(c => c.Number).ToList();
            merged.Citations.Clear();
            merged.Citations.AddRange(byNumber);
        }

        /// <summary>
        /// In each list of <paramref name="merged"/> whose order the editor left as it was (<paramref name="started"/> against
        /// <paramref name="editors"/>), puts the parts others have back in their order; a part only the merge has keeps its place.
        /// A list the editor reordered keeps the order the change gave it, or, when the change was to one part
        /// (<paramref name="onePartChanged"/>: a move), takes the editor's order: the order they saw with their move made.
        /// </summary>
        public void KeepTheirOrderUnlessReordered(Article merged, PartOrder started, PartOrder editors, bool onePartChanged)
        {
            if (!PartOrder.Reordered(started.Sections, editors.Sections))
                Reorder(merged.Sections, Sections);
            else if (onePartChanged)
                PutInOrder(merged.Sections, editors.Sections, s => s.Id, Sections);
            foreach (var section in merged.Sections.Where(s => s.Id != 0))
            {
                if (!Items.TryGetValue(section, out var theirs))
                    continue;
                var (startedFacts, editorsFacts) = (started.Facts.GetValueOrDefault(section.Id), editors.Facts.GetValueOrDefault(section.Id));
                if (!PartOrder.Reordered(startedFacts, editorsFacts))
                    Reorder(section.Facts, theirs.Facts);
                else if (onePartChanged)
                    PutInOrder(section.Facts, editorsFacts!, f => f.Id, theirs.Facts);
                var (startedCauses, editorsCauses) = (started.Causes.GetValueOrDefault(section.Id), editors.Causes.GetValueOrDefault(section.Id));
                if (!PartOrder.Reordered(startedCauses, editorsCauses))
                    Reorder(section.Causes, theirs.Causes);
                else if (onePartChanged)
                    PutInOrder(section.Causes, editorsCauses!, c => c.Id, theirs.Causes);
            }
        }

        /// <summary>
        /// Puts the parts of <paramref name="merged"/> that <paramref name="order"/> lists (by id) in that order; the others
        /// (added by others since) follow the part they follow in <paramref name="theirs"/>.
        /// </summary>
        private static void PutInOrder<T>(List<T> merged, List<int> order, Func<T, int> id, List<T> theirs) where T : class
        {
            var rank = order.Select((partId, i) => (partId, i)).Where(p => p.partId != 0).ToDictionary(p => p.partId, p => p.i);
            var listed = merged.Where(part => rank.ContainsKey(id(part))).OrderBy(part => rank[id(part)]).ToList();
            var others = merged.Where(part => !rank.ContainsKey(id(part))).ToList();
            merged.Clear();
            merged.AddRange(listed);
            Keep(merged, theirs, part => !others.Contains(part, ReferenceEqualityComparer.Instance));
            merged.AddRange(others.Where(part => !merged.Contains(part, ReferenceEqualityComparer.Instance)));
        }

        private static void Reorder<T>(List<T> merged, List<T> theirs) where T : class
        {
            var rank = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < theirs.Count; i++)
                rank[theirs[i]] = i;
            var places = Enumerable.Range(0, merged.Count).Where(i => rank.ContainsKey(merged[i])).ToList();
            var inTheirOrder = places.Select(i => merged[i]).OrderBy(part => rank[part]).ToList();
            for (var k = 0; k < places.Count; k++)
                merged[places[k]] = inTheirOrder[k];
        }

        private static void Keep<T>(List<T> items, List<T> theirs, Func<T, bool> known) where T : class
        {
            for (var i = 0; i < theirs.Count; i++)
            {
                var part = theirs[i];
                if (known(part) || items.Contains(part, ReferenceEqualityComparer.Instance))
                    continue;
                var before = theirs.Take(i).LastOrDefault(p => items.Contains(p, ReferenceEqualityComparer.Instance));
                items.Insert(before is null ? 0 : items.IndexOf(before) + 1, part);
            }
        }
    }

    private static HashSet<string> ChangedFields(Dictionary<string, ArticleFields.Field> from, Dictionary<string, ArticleFields.Field> to) =>
        from.Keys.Union(to.Keys)
            .Where(key => !(from.TryGetValue(key, out var a) && to.TryGetValue(key, out var b) && Equals(a.Value, b.Value)))
            .ToHashSet();

    /// <summary>Runs a change on a copy of the article outside the unit of work; what it adds there (an audit entry) belongs to the real save.</summary>
    private List<ContentProblem> TryOnCopy(Change change, Article copy)
    {
        var tracked = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var refusals = change(copy)?.ToList() ?? [];
        foreach (var added in db.ChangeTracker.Entries().Where(e => !tracked.Contains(e.Entity)).ToList())
            added.State = EntityState.Detached;
        return refusals;
    }

    /// <summary>Restores a revision's snapshot as a new save (which itself becomes a revision).</summary>
    public async Task<EditOutcome> RestoreAsync(int articleId, int expectedVersion, int revisionVersion, CancellationToken cancellationToken)
    {
        var snapshot = await revisions.SnapshotAsync(articleId, revisionVersion, cancellationToken);
        if (snapshot is null)
            return new EditOutcome.NotFound();

        // As it was saved: the save below judges what the restore brings, as any save does.
        var restored = ArticleFileReader.ReadStored(snapshot, Now);
        if (!restored.Succeeded)
            return new EditOutcome.Invalid(restored.Problems);
        var signOffs = await ReviewSignOff.ByContentAsync(db, articleId, cancellationToken);
        var pictures = await ContentFingerprint.PicturesAsync(db, restored.Article!, cancellationToken);
        var live = await editions.IsLiveAsync(articleId, cancellationToken);
        return await EditAsync(articleId, expectedVersion, $"Restored version {revisionVersion}", article =>
        {
            ReplaceContentUnderReview(article, restored.Article!, signOffs, pictures, live);
            audit.Add(AuditLog.Actions.Restored, AuditTarget(article), $"version {revisionVersion}");
            return null;
        }, cancellationToken);
    }

    /// <summary>Creates the article a file describes, or updates the article that has its slug (keeping its ids).</summary>
    /// <remarks>
    /// A file's status and review details are never taken (only a Reviewer signs a review off, in the admin): a new
    /// article starts as an unreviewed draft, an updated one follows <see cref="ReplaceContentUnderReview"/>.
    /// </remarks>
    /// <param name="images">The library images the file describes: each is this site's copy of it, or the file is refused.</param>
    public async Task<EditOutcome> ImportAsync(Article imported, IReadOnlyList<ArticleFile.ImagePart> images, string fileName,
        CancellationToken cancellationToken)
    {
        var problems = await fileImages.ResolveAsync(imported, images, cancellationToken);
        return problems.Count > 0 ? new EditOutcome.Invalid(problems) : await ImportResolvedAsync(imported, fileName, cancellationToken);
    }

    private async Task<EditOutcome> ImportResolvedAsync(Article imported, string fileName, CancellationToken cancellationToken)
    {
        var existing = await db.Articles.AsNoTracking().Where(a => a.Slug == imported.Slug)
            .Select(a => new { a.Id, a.Version }).SingleOrDefaultAsync(cancellationToken);
        var description = $"Imported from {fileName}";
        if (existing is null)
        {
            (imported.Status, imported.PublishedAt, imported.ReviewOverrideReason) = (ArticleStatus.Draft, null, null);
            (imported.LastReviewedOn, imported.ReviewedBy, imported.NextReviewDue) = ((DateOnly?)null, (string?)null, (DateOnly?)null);
            var created = await CreateAsync(imported, description, () => audit.Add(AuditLog.Actions.Imported, AuditTarget(imported), "created"), cancellationToken);
            // Another import (or editor) created an article at this slug between the look-up above and the save: the file
            // updates it, as it would a moment later.
            if (created is EditOutcome.Invalid && await db.Articles.AnyAsync(a => a.Slug == imported.Slug, cancellationToken))
                return await ImportResolvedAsync(imported, fileName, cancellationToken);
            return created;
        }
        var signOffs = await ReviewSignOff.ByContentAsync(db, existing.Id, cancellationToken);
        var pictures = await ContentFingerprint.PicturesAsync(db, imported, cancellationToken);
        var live = await editions.IsLiveAsync(existing.Id, cancellationToken);
        return await EditAsync(existing.Id, existing.Version, description, article =>
        {
            ReplaceContentUnderReview(article, imported, signOffs, pictures, live);
            audit.Add(AuditLog.Actions.Imported, AuditTarget(article), "updated");
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Gives an article the content of <paramref name="source"/> (a restored revision, an imported file) but never its
    /// status or review: content the article already holds keeps its state; content with a recorded sign-off
    /// (<paramref name="signOffs"/>, by fingerprint) shows that review and is approved (a published article stays so);
    /// any other content is unreviewed: an approved article returns to draft (a <paramref name="live"/> one out of
    /// review), and a published or scheduled one keeps its reader edition (readers see nothing of it until the working
    /// copy is reviewed and published).
    /// </summary>
    /// <remarks><paramref name="pictures"/>: the library images <paramref name="source"/> shows (content that shows others differs anyway).</remarks>
    private static void ReplaceContentUnderReview(Article article, Article source, IReadOnlyDictionary<string, ReviewSignOff> signOffs,
        IReadOnlyDictionary<int, Media.MediaPicture> pictures, bool live)
    {
        var before = ContentFingerprint.Of(article, pictures);
        var kept = (article.Status, article.PublishedAt, article.LastReviewedOn, article.ReviewedBy, article.NextReviewDue, article.ReviewOverrideReason);
        ReplaceContent(article, source);
        article.NormalizeText();
        article.NormalizePositions();
        (article.Status, article.PublishedAt, article.LastReviewedOn, article.ReviewedBy, article.NextReviewDue, article.ReviewOverrideReason) = kept;
        var after = ContentFingerprint.Of(article, pictures);
        if (after == before)
            return;
        if (signOffs.GetValueOrDefault(after) is { } signOff)
        {
            signOff.ShowOn(article);
            if (article.Status is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.ChangesRequested)
                article.Status = ArticleStatus.Approved;
            return;
        }
        Unreviewed(article, live);
    }

    /// <summary>
    /// The rule for content no review signed off, whichever save brought it (a form, an import, a restore): the article shows
    /// no review, and an approved one returns to draft (a <paramref name="live"/> one out of review: readers keep its edition).
    /// </summary>
    private static void Unreviewed(Article article, bool live)
    {
        (article.LastReviewedOn, article.ReviewedBy, article.NextReviewDue, article.ReviewOverrideReason) = (null, null, null, null);
        if (article.Status is ArticleStatus.Approved)
            article.Status = live ? ArticleStatus.Published : ArticleStatus.Draft;
    }

    /// <summary>
    /// Gives an article the whole content of <paramref name="source"/> (restore and import), keeping its identity and
    /// that of its parts, so that open edit pages stay valid: sections are matched by slug (then the rest in order),
    /// facts and causes by their text within their section (then the rest in order), references by their content (then
    /// the rest in order: a reference keeps its id while it is the same work, wherever it is numbered), topics by slug. Only what is new is added,
    /// only what is gone is removed; <paramref name="source"/> is left as it was.
    /// </summary>
    public static void ReplaceContent(Article article, Article source)
    {
        article.Slug = source.Slug;
        article.Title = source.Title;
        article.Summary = source.Summary;
        article.AuthorName = source.AuthorName;
        article.AuthorCredentials = source.AuthorCredentials;
        article.HeroImageUrl = source.HeroImageUrl;
        article.HeroImageAlt = source.HeroImageAlt;
        article.HeroImageCaption = source.HeroImageCaption;
        article.HeroMediaId = source.HeroMediaId;
        article.Status = source.Status;
        article.PublishedAt = source.PublishedAt;
        article.LastReviewedOn = source.LastReviewedOn;
        article.ReviewedBy = source.ReviewedBy;
        article.NextReviewDue = source.NextReviewDue;
        article.Disclaimer = source.Disclaimer;
        article.NoCitationNeeded = [.. source.NoCitationNeeded];

        var wanted = source.Sections.Select(s => s.Slug).ToHashSet();
        var bySlug = article.Sections.GroupBy(s => s.Slug).ToDictionary(g => g.Key, g => g.First());
        var unmatched = new Queue<Section>(article.Sections.Where(s => !wanted.Contains(s.Slug)));
        var sections = source.Sections.Select(from =>
        {
            var section = bySlug.GetValueOrDefault(from.Slug) ?? (unmatched.TryDequeue(out var other) ? other : new Section { Slug = "", Heading = "" });
            section.Slug = from.Slug;
            section.Heading = from.Heading;
            section.Kind = from.Kind;
            section.Body = from.Body;
            Match(section.Facts, from.Facts, f => f.Text, () => new Fact { Text = "" }, (fact, other) => fact.Text = other.Text);
            Match(section.Causes, from.Causes, c => (c.Title, c.Description), () => new Cause { Title = "", Description = "" }, (cause, other) =>
            {
                cause.Title = other.Title;
                cause.Description = other.Description;
            });
            return section;
        }).ToList();
        article.Sections.Clear();
        article.Sections.AddRange(sections);

        Match(article.Citations, source.Citations, PartContent.OfReference, () => new Citation { Title = "" }, (citation, from) => CopyCitation(from, citation));

        var topics = source.Topics.Select(t => article.Topics.Find(mine => mine.Slug == t.Slug) ?? new Topic { Slug = t.Slug, Name = t.Name }).ToList();
        article.Topics.Clear();
        article.Topics.AddRange(topics);
    }

    /// <summary>
    /// Makes <paramref name="items"/> hold <paramref name="source"/>'s, keeping its own objects (their ids): an item with
    /// the same content first, so that one added, moved or removed elsewhere in the list does not shift which is which,
    /// then the rest in order.
    /// </summary>
    private static void Match<T>(List<T> items, List<T> source, Func<T, object> content, Func<T> create, Action<T, T> copy) where T : class
    {
        var unmatched = new List<T>(items);
        var same = source.Select(from =>
        {
            var at = unmatched.FindIndex(item => Equals(content(item), content(from)));
            if (at < 0)
                return null;
            var item = unmatched[at];
            unmatched.RemoveAt(at);
            return item;
        }).ToList();
        var rest = new Queue<T>(unmatched);
        var matched = source.Select((from, i) =>
        {
            var item = same[i] ?? (rest.TryDequeue(out var other) ? other : create());
            copy(item, from);
            return item;
        }).ToList();
        items.Clear();
        items.AddRange(matched);
    }

    private static void CopyCitation(Citation from, Citation to)
    {
        to.Number = from.Number;
        to.Kind = from.Kind;
        to.Authors = from.Authors;
        to.Title = from.Title;
        to.Source = from.Source;
        to.Year = from.Year;
        to.DateDetail = from.DateDetail;
        to.Volume = from.Volume;
        to.Issue = from.Issue;
        to.Pages = from.Pages;
        to.Doi = from.Doi;
        to.Pmid = from.Pmid;
        to.Url = from.Url;
        to.AccessedOn = from.AccessedOn;
        to.Evidence = from.Evidence;
    }

    /// <summary>Topics are shared between articles: a topic named again is the existing one (matched by slug), not a copy.</summary>
    private async Task UseExistingTopicsAsync(Article article, CancellationToken cancellationToken)
    {
        var wanted = article.Topics.DistinctBy(t => t.Slug).ToList();
        // A topic with an id was read from the database: only those named anew are looked up (most saves name none).
        var slugs = wanted.Where(t => t.Id == 0).Select(t => t.Slug).ToList();
        var existing = slugs.Count == 0 ? []
            : await db.Topics.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, cancellationToken);
        article.Topics.Clear();
        article.Topics.AddRange(wanted.Select(t => existing.GetValueOrDefault(t.Slug) ?? t));
    }

    public Task<Article?> LoadForEditingAsync(int articleId, CancellationToken cancellationToken) =>
        LoadAsync(db.Articles, articleId, cancellationToken);

    private static Task<Article?> LoadAsync(IQueryable<Article> articles, int articleId, CancellationToken cancellationToken) =>
        articles.WithContent().SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string AuditTarget(Article article) => $"article “{article.Title}” ({article.Slug})";

    private async Task<List<ContentProblem>> ProblemsAsync(Article article, CancellationToken cancellationToken) =>
        [.. ArticleValidator.Validate(article, Now.Year), .. await SlugProblemsAsync(article, cancellationToken), .. await media.ProblemsAsync(article, cancellationToken)];

    /// <summary>The problems of the article as stored, judged as a save of it unchanged would be.</summary>
    private async Task<ProblemsAlreadyStored> StoredProblemsAsync(int articleId, CancellationToken cancellationToken)
    {
        var stored = (await LoadAsync(db.Articles.AsNoTracking(), articleId, cancellationToken))!;
        stored.NormalizeText();
        stored.NormalizePositions();
        return new ProblemsAlreadyStored(stored, await ProblemsAsync(stored, cancellationToken));
    }

    private async Task<IEnumerable<ContentProblem>> SlugProblemsAsync(Article article, CancellationToken cancellationToken)
    {
        // One command for the three places a slug can be taken (a save pays each round trip).
        var takenBy = await db.Articles.Where(a => a.Slug == article.Slug && a.Id != article.Id).Select(a => SlugOwner.Article)
            // An article renamed in its working copy keeps its published address until the change is published.
            .Concat(db.ReaderEditions.Where(e => e.Slug == article.Slug && e.ArticleId != article.Id).Select(e => SlugOwner.Article))
            .Concat(db.SlugRedirects.Where(r => r.Slug == article.Slug && r.ArticleId != article.Id).Select(r => SlugOwner.Redirect))
            .Distinct().ToListAsync(cancellationToken);
        var takenByRedirect = takenBy.Contains(SlugOwner.Redirect);
        return takenBy.Count > 0
            ? [new ContentProblem(new ContentPlace.ArticleField(ArticlePart.Slug), $"\"{article.Slug}\" is already used by another article{(takenByRedirect ? " (as a former address)" : "")}.")]
            : [];
    }

    private enum SlugOwner { Article, Redirect }

    /// <summary>
    /// A former slug's redirect stays, also when the working copy comes back to it: until that change is published,
    /// readers still find the article at its published slug, and the former one must keep leading there. Once the
    /// article is visible at a slug, its page answers before any redirect is looked up.
    /// </summary>
    private async Task KeepOldSlugWorkingAsync(Article article, string previousSlug, CancellationToken cancellationToken)
    {
        if (!await db.SlugRedirects.AnyAsync(r => r.Slug == previousSlug, cancellationToken))
            db.SlugRedirects.Add(new ArticleSlugRedirect { Slug = previousSlug, ArticleId = article.Id });
    }

    private void AuditStatusChange(Article article, ArticleStatus previousStatus, bool publish)
    {
        var target = AuditTarget(article);
        if (publish && article.Status == ArticleStatus.Published)
            audit.Add(article.PublishedAt > Now ? AuditLog.Actions.Scheduled : AuditLog.Actions.Published, target,
                $"publication at {article.PublishedAt:yyyy-MM-dd HH:mm} UTC");
        else if (article.Status == ArticleStatus.Unpublished && previousStatus != ArticleStatus.Unpublished)
            audit.Add(AuditLog.Actions.Unpublished, target);
    }
}

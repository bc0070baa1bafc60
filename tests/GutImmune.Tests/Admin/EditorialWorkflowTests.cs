using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Media;
using GutImmune.Web.Publishing;

namespace GutImmune.Tests.Admin;

/// <summary>The workflow table itself: every step from every state, for every role, against the specification below.</summary>
public class EditorialWorkflowTests
{
    private static readonly string[] Writers = [Roles.Admin, Roles.Editor];
    private static readonly string[] Reviewers = [Roles.Admin, Roles.Reviewer];
    private static readonly string[] AdminOnly = [Roles.Admin];

    /// <summary>Who may take which step from which state; everything not listed is refused to everyone.</summary>
    private static readonly Dictionary<(EditorialState, WorkflowStep), string[]> Allowed = new()
    {
        [(EditorialState.Draft, WorkflowStep.Submit)] = Writers,
        [(EditorialState.ChangesRequested, WorkflowStep.Submit)] = Writers,
        [(EditorialState.Unpublished, WorkflowStep.Submit)] = Writers,
        [(EditorialState.InReview, WorkflowStep.ReturnToDraft)] = Writers,
        [(EditorialState.ChangesRequested, WorkflowStep.ReturnToDraft)] = Writers,
        [(EditorialState.Approved, WorkflowStep.ReturnToDraft)] = Writers,
        [(EditorialState.InReview, WorkflowStep.RequestChanges)] = Reviewers,
        [(EditorialState.Approved, WorkflowStep.RequestChanges)] = Reviewers,
        [(EditorialState.InReview, WorkflowStep.SignOff)] = Reviewers,
        [(EditorialState.Approved, WorkflowStep.SignOff)] = Reviewers,
        [(EditorialState.Scheduled, WorkflowStep.SignOff)] = Reviewers,
        [(EditorialState.Published, WorkflowStep.SignOff)] = Reviewers,
        [(EditorialState.Approved, WorkflowStep.Publish)] = Writers,
        [(EditorialState.Scheduled, WorkflowStep.Publish)] = Writers,
        [(EditorialState.Unpublished, WorkflowStep.Publish)] = Writers,
        // Publishing the changes in the working copy of an article readers see.
        [(EditorialState.Published, WorkflowStep.Publish)] = Writers,
        [(EditorialState.Published, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.Draft, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.InReview, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.ChangesRequested, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.Approved, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.Scheduled, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.Unpublished, WorkflowStep.PublishWithoutReview)] = AdminOnly,
        [(EditorialState.Scheduled, WorkflowStep.Unpublish)] = Writers,
        [(EditorialState.Published, WorkflowStep.Unpublish)] = Writers,
        // The changes in a live article's working copy go through review too.
        [(EditorialState.Published, WorkflowStep.Submit)] = Writers,
        [(EditorialState.Scheduled, WorkflowStep.Submit)] = Writers,
    };

    /// <summary>What an article readers see (it has a reader edition) may take besides: it can be unpublished while its changes are in review.</summary>
    private static readonly Dictionary<(EditorialState, WorkflowStep), string[]> AllowedLiveToo = new()
    {
        [(EditorialState.InReview, WorkflowStep.Unpublish)] = Writers,
        [(EditorialState.ChangesRequested, WorkflowStep.Unpublish)] = Writers,
        [(EditorialState.Approved, WorkflowStep.Unpublish)] = Writers,
    };

    [Fact]
    public void Every_step_from_every_state_is_allowed_exactly_to_the_roles_the_specification_names()
    {
        var wrong = new List<string>();
        foreach (var live in new[] { false, true })
        foreach (var state in Enum.GetValues<EditorialState>())
        foreach (var step in Enum.GetValues<WorkflowStep>())
        foreach (var role in Roles.All)
        {
            var roles = Allowed.GetValueOrDefault((state, step)) ?? (live ? AllowedLiveToo.GetValueOrDefault((state, step)) : null);
            var expected = roles?.Contains(role) ?? false;
            var (transition, refusal) = EditorialWorkflow.Check(step, state, live, r => r == role);
            var where = $"{role} {step} from {state}{(live ? " (live)" : "")}";
            if ((transition is not null) != expected)
                wrong.Add($"{where}: {(expected ? "refused" : "allowed")}");
            if (transition is null && string.IsNullOrWhiteSpace(refusal?.Message))
                wrong.Add($"{where}: refused without saying why");
            if (transition is null && refusal!.ForRole != (roles is not null))
                wrong.Add($"{where}: refused as {(refusal.ForRole ? "the role's" : "the state's")}");
            if (EditorialWorkflow.StepsFrom(state, live, r => r == role).Contains(step) != expected)
                wrong.Add($"{where}: the buttons disagree");
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(false, ArticleStatus.Draft)]
    [InlineData(true, ArticleStatus.Published)]
    public void Returning_changes_to_draft_keeps_a_live_article_published(bool live, ArticleStatus stored)
    {
        foreach (var state in new[] { EditorialState.InReview, EditorialState.ChangesRequested, EditorialState.Approved })
            Assert.Equal(stored, EditorialWorkflow.Check(WorkflowStep.ReturnToDraft, state, live, _ => true).Transition!.To);
        Assert.Equal(ArticleStatus.InReview, EditorialWorkflow.Check(WorkflowStep.Submit, EditorialState.Published, live: true, _ => true).Transition!.To);
    }

    [Theory]
    [InlineData(EditorialState.Draft, WorkflowStep.Publish, Roles.Editor, "is not a step an article that is a draft can take")]
    [InlineData(EditorialState.Approved, WorkflowStep.Publish, Roles.Reviewer, "Only Admins or Editors may take the step “Publish”")]
    [InlineData(EditorialState.Draft, WorkflowStep.PublishWithoutReview, Roles.Editor, "Only Admins may take the step “Publish without a review”")]
    public void A_refusal_says_why(EditorialState state, WorkflowStep step, string role, string expected)
    {
        var (transition, refusal) = EditorialWorkflow.Check(step, state, live: false, r => r == role);
        Assert.Null(transition);
        Assert.Contains(expected, refusal!.Message);
    }

    [Fact]
    public void A_step_refused_in_this_state_names_only_the_steps_this_person_may_take_from_it()
    {
        var forEditor = EditorialWorkflow.Check(WorkflowStep.Publish, EditorialState.Draft, live: false, r => r == Roles.Editor).Refusal!.Message;
        var forAdmin = EditorialWorkflow.Check(WorkflowStep.Publish, EditorialState.Draft, live: false, r => r == Roles.Admin).Refusal!.Message;

        Assert.EndsWith("From there you may take: “Submit for review”.", forEditor);
        Assert.Contains("“Publish without a review”", forAdmin);
    }

    [Fact]
    public void A_scheduled_article_is_published_with_a_time_still_to_come()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(EditorialState.Scheduled, EditorialWorkflow.StateOf(ArticleStatus.Published, now.AddMinutes(1), now));
        Assert.Equal(EditorialState.Published, EditorialWorkflow.StateOf(ArticleStatus.Published, now, now));
        Assert.Equal(EditorialState.Approved, EditorialWorkflow.StateOf(ArticleStatus.Approved, null, now));
    }

    [Fact]
    public void The_content_fingerprint_ignores_workflow_and_review_fields_but_not_content()
    {
        Article Make() => new()
        {
            Id = 7, Slug = "fp", Title = "Fingerprint", Summary = "S", AuthorName = "A", Version = 3,
            Sections = [new Section { Slug = "a", Heading = "A", Kind = SectionKind.Prose, Body = "Body." }],
        };
        var original = Fingerprint(Make());

        var workflowOnly = Make();
        (workflowOnly.Status, workflowOnly.PublishedAt, workflowOnly.UpdatedAt, workflowOnly.Version) = (ArticleStatus.Published, DateTime.UtcNow, DateTime.UtcNow, 9);
        (workflowOnly.ReviewedBy, workflowOnly.LastReviewedOn, workflowOnly.NextReviewDue) = ("Dr R", new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1));
        workflowOnly.ReviewOverrideReason = "because";
        Assert.Equal(original, Fingerprint(workflowOnly));

        var edited = Make();
        edited.Sections[0].Body = "Body!";
        Assert.NotEqual(original, Fingerprint(edited));
        var retitled = Make();
        retitled.Title = "Fingerprint 2";
        Assert.NotEqual(original, Fingerprint(retitled));
        static string Fingerprint(Article article) => ContentFingerprint.Of(article, new Dictionary<int, MediaPicture>());
    }

    [Fact]
    public void The_content_fingerprint_covers_what_the_article_shows_of_its_library_images()
    {
        Article Make() => new()
        {
            Id = 7, Slug = "fp", Title = "Fingerprint", Summary = "S", AuthorName = "A", Version = 3, HeroMediaId = 4,
            Sections = [new Section { Slug = "a", Heading = "A", Kind = SectionKind.Prose, Body = "Body ![x](media:5)." }],
        };
        MediaPicture Picture(int id) => new(id, "abc", 800, 600, "Alt", "Caption", "Credit", "CC BY 4.0", 50, 50);
        var pictures = new Dictionary<int, MediaPicture> { [4] = Picture(4), [5] = Picture(5), [6] = Picture(6) };
        var original = ContentFingerprint.Of(Make(), pictures);

        Assert.Equal(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [6] = Picture(6) with { Caption = "Unused" } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [4] = Picture(4) with { Caption = "New" } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [5] = Picture(5) with { Credit = "New" } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [5] = Picture(5) with { Licence = "New" } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [4] = Picture(4) with { Alt = "New" } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture>(pictures) { [4] = Picture(4) with { FocalX = 10 } }));
        Assert.NotEqual(original, ContentFingerprint.Of(Make(), new Dictionary<int, MediaPicture> { [4] = Picture(4) }));
    }
}

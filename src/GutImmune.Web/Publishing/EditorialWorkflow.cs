using GutImmune.Web.Accounts;
using GutImmune.Web.Content;

namespace GutImmune.Web.Publishing;

/// <summary>Where an article stands in the editorial workflow.</summary>
public enum EditorialState
{
    Draft,
    InReview,
    ChangesRequested,
    Approved,
    /// <summary>Published with a publication time still to come (stored as <see cref="ArticleStatus.Published"/>).</summary>
    Scheduled,
    Published,
    Unpublished,
}

/// <summary>What someone can do to an article's workflow state.</summary>
public enum WorkflowStep
{
    Submit,
    ReturnToDraft,
    RequestChanges,
    SignOff,
    Publish,
    PublishWithoutReview,
    Unpublish,
}

/// <summary>
/// A step allowed from <paramref name="From"/> to the roles named; <paramref name="To"/> is the stored status it leaves,
/// null when it leaves the status as it is (a review signed off again on a published article). <paramref name="Live"/>
/// limits it to articles readers see (true) or to those they do not (false); null: either.
/// </summary>
public sealed record WorkflowTransition(WorkflowStep Step, EditorialState From, ArticleStatus? To, IReadOnlyList<string> Roles, bool? Live = null)
{
    public bool AppliesTo(EditorialState state, bool live) => From == state && (Live is null || Live == live);
}

/// <summary>Why a step was refused: <paramref name="ForRole"/> when the state allows it but not to this person, else the state does not.</summary>
public sealed record WorkflowRefusal(string Message, bool ForRole);

/// <summary>
/// The editorial workflow in one place: the states, which step may follow which, and who may take it. The admin's
/// buttons are the steps <see cref="StepsFrom"/> gives; every step posted is checked with <see cref="Check"/>.
/// Publishing needs more than this table: a medical review signed off for the current content, through a review link
/// only when someone other than the link's maker publishes (see ArticleWorkflow).
/// An article readers see ("live": it has a reader edition) goes through the same cycle with the changes in its working
/// copy: its status says where the changes stand (in review, changes requested, approved) while readers keep the
/// edition; out of review, it is stored as Published.
/// </summary>
public static class EditorialWorkflow
{
    private static readonly string[] Writers = [Roles.Admin, Roles.Editor];
    private static readonly string[] Reviewers = [Roles.Admin, Roles.Reviewer];
    private static readonly string[] AdminsOnly = [Roles.Admin];

    public static readonly IReadOnlyList<WorkflowTransition> Transitions =
    [
        .. From(WorkflowStep.Submit, ArticleStatus.InReview, Writers, EditorialState.Draft, EditorialState.ChangesRequested, EditorialState.Unpublished),
        // The changes in a live or scheduled article's working copy (ArticleWorkflow refuses it when there are none).
        .. From(WorkflowStep.Submit, ArticleStatus.InReview, Writers, EditorialState.Published, EditorialState.Scheduled),
        .. Live(false, From(WorkflowStep.ReturnToDraft, ArticleStatus.Draft, Writers, EditorialState.InReview, EditorialState.ChangesRequested, EditorialState.Approved)),
        // A live article's working copy leaves the review; readers keep what they see.
        .. Live(true, From(WorkflowStep.ReturnToDraft, ArticleStatus.Published, Writers, EditorialState.InReview, EditorialState.ChangesRequested, EditorialState.Approved)),
        .. From(WorkflowStep.RequestChanges, ArticleStatus.ChangesRequested, Reviewers, EditorialState.InReview, EditorialState.Approved),
        new(WorkflowStep.SignOff, EditorialState.InReview, ArticleStatus.Approved, Reviewers),
        // A review signed off again (the periodic review of a live article) leaves the article where it is.
        .. From(WorkflowStep.SignOff, null, Reviewers, EditorialState.Approved, EditorialState.Scheduled, EditorialState.Published),
        // From Published: publishing the changes made to the working copy of an article readers see.
        .. From(WorkflowStep.Publish, ArticleStatus.Published, Writers, EditorialState.Approved, EditorialState.Scheduled, EditorialState.Published,
            EditorialState.Unpublished),
        .. From(WorkflowStep.PublishWithoutReview, ArticleStatus.Published, AdminsOnly, EditorialState.Draft, EditorialState.InReview,
            EditorialState.ChangesRequested, EditorialState.Approved, EditorialState.Scheduled, EditorialState.Published, EditorialState.Unpublished),
        .. From(WorkflowStep.Unpublish, ArticleStatus.Unpublished, Writers, EditorialState.Scheduled, EditorialState.Published),
        .. Live(true, From(WorkflowStep.Unpublish, ArticleStatus.Unpublished, Writers, EditorialState.InReview, EditorialState.ChangesRequested, EditorialState.Approved)),
    ];

    private static IEnumerable<WorkflowTransition> From(WorkflowStep step, ArticleStatus? to, string[] roles, params EditorialState[] states) =>
        states.Select(from => new WorkflowTransition(step, from, to, roles));

    private static IEnumerable<WorkflowTransition> Live(bool live, IEnumerable<WorkflowTransition> transitions) =>
        transitions.Select(t => t with { Live = live });

    /// <summary>The state of an article stored with <paramref name="status"/> and <paramref name="publishedAt"/>, at <paramref name="utcNow"/>.</summary>
    public static EditorialState StateOf(ArticleStatus status, DateTime? publishedAt, DateTime utcNow) => status switch
    {
        ArticleStatus.Published when publishedAt > utcNow => EditorialState.Scheduled,
        ArticleStatus.Published => EditorialState.Published,
        ArticleStatus.InReview => EditorialState.InReview,
        ArticleStatus.ChangesRequested => EditorialState.ChangesRequested,
        ArticleStatus.Approved => EditorialState.Approved,
        ArticleStatus.Unpublished => EditorialState.Unpublished,
        _ => EditorialState.Draft,
    };

    public static EditorialState StateOf(Article article, DateTime utcNow) => StateOf(article.Status, article.PublishedAt, utcNow);

    /// <summary>
    /// The steps someone with the roles <paramref name="hasRole"/> says yes to may take from <paramref name="state"/>, in the
    /// table's order; <paramref name="live"/>: readers see the article (it has a reader edition).
    /// </summary>
    public static IReadOnlyList<WorkflowStep> StepsFrom(EditorialState state, bool live, Func<string, bool> hasRole) =>
        Transitions.Where(t => t.AppliesTo(state, live) && t.Roles.Any(hasRole)).Select(t => t.Step).ToList();

    /// <summary>The transition <paramref name="step"/> takes from <paramref name="state"/>, or why it may not be taken (by this person, or from this state).</summary>
    public static (WorkflowTransition? Transition, WorkflowRefusal? Refusal) Check(WorkflowStep step, EditorialState state, bool live, Func<string, bool> hasRole)
    {
        var transition = Transitions.FirstOrDefault(t => t.Step == step && t.AppliesTo(state, live));
        if (transition is null)
            return (null, new($"“{Name(step)}” is not a step an article that is {Describe(state)} can take. {Allowed(state, live, hasRole)}", ForRole: false));
        if (!transition.Roles.Any(hasRole))
            return (null, RoleRefusal(step, transition.Roles));
        return (transition, null);
    }

    /// <summary>Why the step is refused to <paramref name="hasRole"/> from any state, or null when some state allows it to them.</summary>
    public static WorkflowRefusal? RefusedToRoles(WorkflowStep step, Func<string, bool> hasRole)
    {
        var transitions = Transitions.Where(t => t.Step == step).ToList();
        return transitions.Any(t => t.Roles.Any(hasRole)) ? null : RoleRefusal(step, transitions[0].Roles);
    }

    private static WorkflowRefusal RoleRefusal(WorkflowStep step, IEnumerable<string> roles) =>
        new($"Only {string.Join(" or ", roles.Select(r => r + "s"))} may take the step “{Name(step)}”.", ForRole: true);

    /// <summary>The steps from <paramref name="state"/> this person may take (not another role's, such as an Admin's publishing without a review).</summary>
    private static string Allowed(EditorialState state, bool live, Func<string, bool> hasRole)
    {
        var steps = StepsFrom(state, live, hasRole).Select(step => $"“{Name(step)}”").Distinct().ToList();
        return steps.Count == 0 ? "" : $"From there you may take: {string.Join(", ", steps)}.";
    }

    /// <summary>The step as a form posts it ("submit", "returnToDraft"): model binding reads it back into the step.</summary>
    public static string FormValue(WorkflowStep step) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(step.ToString());

    /// <summary>The step as its button names it.</summary>
    public static string Name(WorkflowStep step) => step switch
    {
        WorkflowStep.Submit => "Submit for review",
        WorkflowStep.ReturnToDraft => "Return to draft",
        WorkflowStep.RequestChanges => "Request changes",
        WorkflowStep.SignOff => "Sign off the review",
        WorkflowStep.Publish => "Publish",
        WorkflowStep.PublishWithoutReview => "Publish without a review",
        WorkflowStep.Unpublish => "Unpublish",
        _ => step.ToString(),
    };

    /// <summary>The state as the admin's badges and lists name it.</summary>
    public static string Label(EditorialState state) => state switch
    {
        EditorialState.InReview => "In review",
        EditorialState.ChangesRequested => "Changes requested",
        _ => state.ToString(),
    };

    /// <summary>A stored status as the admin names it (a scheduled article's status is Published).</summary>
    public static string Label(ArticleStatus status) => Label(StateOf(status, publishedAt: null, DateTime.MinValue));

    /// <summary>The state in words, as in "an article that is in review".</summary>
    public static string Describe(EditorialState state) => state switch
    {
        EditorialState.InReview => "in review",
        EditorialState.ChangesRequested => "sent back with changes requested",
        EditorialState.Approved => "approved",
        EditorialState.Scheduled => "scheduled",
        EditorialState.Published => "published",
        EditorialState.Unpublished => "unpublished",
        _ => "a draft",
    };
}

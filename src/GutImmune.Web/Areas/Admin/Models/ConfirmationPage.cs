using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// The page between a destructive button (delete, unpublish, restore) and the action itself, so nothing is lost to one
/// click and no script is needed: what will be lost, the one form that does it, and the way back.
/// </summary>
/// <param name="Question">The page's heading, e.g. "Delete the section “Introduction”?"</param>
/// <param name="Consequences">What will be lost or change, one sentence each.</param>
/// <param name="Action">Where the confirming form posts.</param>
/// <param name="Fields">Hidden fields the action needs besides the confirmation (the version seen, the workflow step).</param>
/// <param name="Button">The confirming button's text; null when the action cannot be done (nothing to confirm).</param>
/// <param name="CancelUrl">Where "Cancel" leads: the page the editor came from.</param>
/// <param name="Changes">For a restore, the changes it makes to the current version.</param>
public sealed record ConfirmationPage(
    int ArticleId,
    string ArticleTitle,
    string Question,
    IReadOnlyList<string> Consequences,
    string Action,
    IReadOnlyDictionary<string, string> Fields,
    string? Button,
    string CancelUrl,
    RevisionHistory.Comparison? Changes = null)
{
    /// <summary>The form field that turns a post into the real action; without it the action shows this page instead.</summary>
    public const string ConfirmedField = "Confirmed";
}

using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>
/// Base of every admin controller: signed-in staff only (controllers narrow it with policies), never cached, closed to
/// an account until it has replaced its one-time password, and
/// the shared handling of save outcomes (field messages, conflict page, 404).
/// </summary>
[Area("Admin")]
[Authorize(Roles = $"{Roles.Admin},{Roles.Editor},{Roles.Reviewer}")]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[OneTimePasswordGate]
public abstract class AdminController : Controller
{
    /// <summary>
    /// Puts each problem on the form field it belongs to: <paramref name="fields"/> maps a problem's path (relative to
    /// <paramref name="prefix"/>) to a form property and its label; the rest go to the summary at the top of the form.
    /// </summary>
    protected void AddProblems(IEnumerable<ContentProblem> problems, string prefix, IReadOnlyDictionary<string, (string Property, string Label)> fields)
    {
        foreach (var problem in problems)
        {
            if (problem.Field.StartsWith(prefix, StringComparison.Ordinal)
                && fields.TryGetValue(problem.Field[prefix.Length..], out var field))
                ModelState.AddModelError(field.Property, Sentence(field.Label, problem.Message));
            else if (problem.Field.Length > 0 && char.IsUpper(problem.Field[0]))
                ModelState.AddModelError(problem.Field, problem.Message); // a refusal that names a form property itself
            else if (problem.Field.Length == 0)
                ModelState.AddModelError("", problem.Message);
            else
                ModelState.AddModelError("", $"{problem.Field}: {problem.Message}");
        }
    }

    private static string Sentence(string label, string message) =>
        message.StartsWith("is ") || message.StartsWith("must ") ? $"{label} {message}" : char.ToUpperInvariant(message[0]) + message[1..];

    /// <summary>
    /// The page shown when someone else saved the article first and changed what this editor changed: their value
    /// beside the editor's, and a form that sends the editor's values again against the current version, so that
    /// keeping them is a deliberate choice. Nothing typed is lost.
    /// </summary>
    protected async Task<IActionResult> ConflictPageAsync(EditOutcome.Conflict conflict, CancellationToken cancellationToken)
    {
        var history = HttpContext.RequestServices.GetRequiredService<RevisionHistory>();
        var changes = await history.CompareAsync(conflict.ArticleId, conflict.ExpectedVersion, conflict.CurrentVersion, cancellationToken);
        // A file upload cannot be sent again from a page; the editor imports the file again instead.
        var resend = Request.HasFormContentType && Request.Form.Files.Count == 0
            ? Request.Form.Where(f => f.Key is not "__RequestVerificationToken" and not "intent")
                .SelectMany(f => f.Value.Select(value => new KeyValuePair<string, string>(f.Key,
                    IsVersionField(f.Key) ? conflict.CurrentVersion.ToString() : value ?? "")))
                .ToList()
            : null;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("~/Areas/Admin/Views/Revisions/Conflict.cshtml", new Models.ConflictPage(conflict, changes,
            resend is null ? null : $"{Request.PathBase}{Request.Path}{Request.QueryString}", resend ?? []));
    }

    /// <summary>The form field that carries the version an editor started from (restore's form names it CurrentVersion).</summary>
    private static bool IsVersionField(string name) =>
        name.Equals("Version", StringComparison.OrdinalIgnoreCase) || name.Equals("CurrentVersion", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps a save outcome to a response: <paramref name="saved"/> on success, the re-shown form when invalid.</summary>
    protected async Task<IActionResult> HandleAsync(EditOutcome outcome, Func<IActionResult> saved,
        Func<IReadOnlyList<ContentProblem>, Task<IActionResult>> invalid, CancellationToken cancellationToken) => outcome switch
    {
        EditOutcome.Saved => saved(),
        EditOutcome.Invalid i => await invalid(i.Problems),
        EditOutcome.Conflict c => await ConflictPageAsync(c, cancellationToken),
        _ => NotFound(),
    };

    protected string EditorName => User.Identity?.Name ?? "unknown";
}

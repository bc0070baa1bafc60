namespace GutImmune.Web.SitePages;

/// <summary>
/// The four site pages, their fixed addresses and the text each shows until an editor saves its own. About, Contact and
/// Privacy start as placeholders, because only the operator knows who runs the site, how to reach them and what they do
/// with data; the editorial policy starts as a description of the process this software enforces.
/// </summary>
public static class SitePageTexts
{
    /// <summary>A page's built-in text; <paramref name="IsPlaceholder"/> when it must be written by the operator.</summary>
    public sealed record BuiltIn(string Slug, string Title, string Body, bool IsPlaceholder);

    public const string About = "about";
    public const string EditorialPolicy = "editorial-policy";
    public const string Contact = "contact";
    public const string Privacy = "privacy";

    /// <summary>The slugs as a route constraint, so that only these four addresses reach the site page controller.</summary>
    public const string SlugConstraint = "regex(^(about|editorial-policy|contact|privacy)$)";

    public const string PlaceholderNotice = "This page has not been written yet.";

    public static readonly IReadOnlyList<BuiltIn> All =
    [
        Placeholder(About, "About GutImmune", "who publishes this site, why, and how it is funded"),
        new(EditorialPolicy, "Editorial policy", EditorialPolicyText, IsPlaceholder: false),
        Placeholder(Contact, "Contact", "how readers can reach the editors, report a mistake or ask for a correction"),
        Placeholder(Privacy, "Privacy", "what this site records about its readers, why, for how long, and whom to ask about it"),
    ];

    public static BuiltIn? Find(string slug) => All.FirstOrDefault(p => p.Slug == slug);

    private static BuiltIn Placeholder(string slug, string title, string topic) => new(slug, title,
        $"""
        {PlaceholderNotice}

        The people who run this site will describe here {topic}. Until then, nothing on this page is a statement by them.
        """, IsPlaceholder: true);

    private const string EditorialPolicyText =
        """
        This page describes how articles on this site are written, sourced, reviewed, corrected and dated. It describes the
        steps the publishing software itself enforces; it makes no claim about any medical topic.

        # Writing

        Every article starts as a draft that readers cannot see. Editors write and revise it in the site's editing area.
        Each article names its author.

        # Sources

        Statements of fact carry numbered references, such as \[1] or \[2, 3], that link to the full reference list at the
        foot of the article, and every reference links back to the places that cite it. Editors cannot save a marker that
        points at a reference the article does not have.

        # Medical review

        An article is published only after a medical reviewer has signed off a review of exactly the text that is
        published. A review belongs to one version of the article: any later change to the content needs a new review
        before readers see it. Reviews are signed off under the reviewer's own account (or a review link made for them),
        never as a name typed by someone else, and an imported file cannot sign one off. Each article shows who reviewed
        it and when, and when its next review is due.

        # Emergency publishing without a review

        Only an administrator may publish an article without a current medical review, and must record a reason. The
        reason is kept in the site's audit log, and readers see "Not yet medically reviewed" on the article until a
        review is signed off.

        # Corrections and updates

        A reviewed change is published with a short public change note, and the article shows when it was last updated
        and what changed. Saved versions of an article are kept with who saved them and when (always every version
        readers saw and every reviewed one), so a change can be traced and undone.

        # Dates

        Articles show when they were first published, last updated and last reviewed, and when the next review is due.
        """;
}

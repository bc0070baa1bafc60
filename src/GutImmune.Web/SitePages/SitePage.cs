namespace GutImmune.Web.SitePages;

/// <summary>
/// One of the site's fixed pages (About, Editorial policy, Contact, Privacy) as an editor last saved it. A page with no
/// row shows its built-in text (<see cref="SitePageTexts"/>).
/// </summary>
public class SitePage
{
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>Markdown, rendered by the site's one pipeline.</summary>
    public required string Body { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    /// <summary>Incremented by every save; a save that started from an older version is refused.</summary>
    public int Version { get; set; }
}

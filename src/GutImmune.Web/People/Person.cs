using GutImmune.Web.Accounts;

namespace GutImmune.Web.People;

/// <summary>
/// Someone who writes or medically reviews articles, as readers meet them on /people. Articles name their author and
/// reviewer as text; a profile is matched to them by its <see cref="Name"/> or by its linked account's display name
/// (reviews are signed off under that name).
/// </summary>
public class Person
{
    public const int MaxBioLength = 4_000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>Qualifications as readers see them after the name, e.g. "MD" or "RD, PhD".</summary>
    public string? Credentials { get; set; }
    /// <summary>What the person does for the site, e.g. "Author" or "Medical reviewer".</summary>
    public required string Role { get; set; }
    /// <summary>A short biography in Markdown, rendered by the site's one pipeline.</summary>
    public string? Bio { get; set; }
    /// <summary>A photo from the media library (one with alt text): the image's uses list it, so it cannot be deleted while here.</summary>
    public int? PhotoMediaId { get; set; }
    public string? AccountId { get; set; }
    public EditorAccount? Account { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Incremented by every save; a save that started from an older version is refused.</summary>
    public int Version { get; set; }
}

namespace GutImmune.Web.Editing;

/// <summary>
/// What one editor has typed on an article's writing page and not yet saved: the page's form as posted (JSON of its
/// field names and values) and the article version it started from. Autosave keeps one per editor and article; it is
/// never a revision, and saving the article or discarding it removes it.
/// </summary>
public class PendingChange
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The account's id (not its name, which can change).</summary>
    public required string EditorId { get; set; }
    public int BaseVersion { get; set; }
    public required string FormJson { get; set; }
    public DateTime SavedAt { get; set; }

    /// <summary>The longest form kept: a whole article at its content limits, with room for the field names.</summary>
    public const int MaxFormLength = 4_000_000;
}

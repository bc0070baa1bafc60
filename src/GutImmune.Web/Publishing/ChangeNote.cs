namespace GutImmune.Web.Publishing;

/// <summary>
/// The public note an editor wrote when publishing a change to a live article ("Updated the section on antibiotics"):
/// written only by publishing, never by a save, an import or a restore, so no file can bring notes of its own.
/// </summary>
public class ChangeNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article version the note was published with.</summary>
    public int Version { get; set; }
    public required string Note { get; set; }
    public DateTime PublishedAt { get; set; }

    public const int MaxLength = 300;
}

namespace GutImmune.Web.Editing;

/// <summary>A full snapshot of an article (in the article file format) as one save left it.</summary>
public class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article's <c>Version</c> this save produced.</summary>
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string Author { get; set; }
    /// <summary>What the save did, e.g. "Edited fact 3 of Interesting Facts".</summary>
    public required string Description { get; set; }
    public required string Snapshot { get; set; }
}

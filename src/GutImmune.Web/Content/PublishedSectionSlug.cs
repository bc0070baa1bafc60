namespace GutImmune.Web.Content;

/// <summary>
/// A slug a section of an article was published under, recorded when it was (<see cref="Editing.EditionPublisher"/>):
/// the section's current slug and each former one. The address of a former one answers 301 to the section's current
/// address while readers see the section; none once it is no longer published. A slug given to another section since
/// is that section's.
/// </summary>
public class PublishedSectionSlug
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>No foreign key: a section removed from the working copy is still published until the removal is.</summary>
    public int SectionId { get; set; }
    public required string Slug { get; set; }
}

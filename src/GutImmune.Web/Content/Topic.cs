namespace GutImmune.Web.Content;

/// <summary>A subject articles are filed under, such as "gut health" or "immune system".</summary>
public class Topic
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public List<Article> Articles { get; set; } = [];
}

namespace GutImmune.Web.Content;

/// <summary>A slug an article was published under before it was renamed; its URLs answer 301 to the current one.</summary>
public class ArticleSlugRedirect
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int ArticleId { get; set; }
}

namespace GutImmune.Web.Content;

/// <summary>Field lengths shared by the database schema, the importer and the editing forms.</summary>
public static class ContentLimits
{
    public const int Slug = 100;
    public const int Title = 200;
    public const int Summary = 600;
    public const int Name = 200;
    public const int Url = 2000;
    public const int ShortText = 500;
    public const int Markdown = 20_000;
    public const int CitationField = 1000;
}

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

    // How many parts an article may have: far above what an article needs, low enough that no page, sitemap or
    // save grows without bound (an import of 33,000 topics failed in SQL; 17,000 sections made a 5 MB page).
    public const int Topics = 20;
    public const int Sections = 100;
    public const int ItemsPerSection = 200;
    public const int Citations = 500;
}

using System.Text.Json;

namespace GutImmune.Web.Content.Import;

/// <summary>Writes an article in the file format that import reads: exports and revision snapshots.</summary>
public static class ArticleFileWriter
{
    public static string Write(Article article) => JsonSerializer.Serialize(ToFile(article), ArticleFile.JsonOptions);

    /// <summary>An export: the article and, for another site to find its own copies, the library images it refers to.</summary>
    public static string Write(Article article, List<ArticleFile.ImagePart>? images)
    {
        var file = ToFile(article);
        file.Images = images;
        return JsonSerializer.Serialize(file, ArticleFile.JsonOptions);
    }

    public static ArticleFile ToFile(Article a) => new()
    {
        Slug = a.Slug,
        Title = a.Title,
        Summary = a.Summary,
        Author = new ArticleFile.AuthorPart { Name = a.AuthorName, Credentials = a.AuthorCredentials },
        HeroImage = a.HeroImageUrl is null && a.HeroImageAlt is null && a.HeroImageCaption is null && a.HeroMediaId is null
            ? null
            : new ArticleFile.HeroImagePart { Url = a.HeroImageUrl, Alt = a.HeroImageAlt, Caption = a.HeroImageCaption, MediaId = a.HeroMediaId },
        Status = a.Status,
        PublishedAt = a.PublishedAt is { } published ? DateTime.SpecifyKind(published, DateTimeKind.Utc) : null,
        UpdatedAt = DateTime.SpecifyKind(a.UpdatedAt, DateTimeKind.Utc),
        LastReviewedOn = a.LastReviewedOn,
        ReviewedBy = a.ReviewedBy,
        NextReviewDue = a.NextReviewDue,
        Topics = a.Topics.Count == 0 ? null : a.Topics.Select(t => t.Name).Order().ToList(),
        Sections = a.Sections.OrderBy(s => s.Position).Select(ToPart).ToList(),
        Citations = a.Citations.OrderBy(c => c.Number).Select(ToPart).ToList(),
        Disclaimer = a.Disclaimer,
        NoCitationNeeded = a.NoCitationNeeded.Count == 0 ? null
            : a.NoCitationNeeded.Select(m => new ArticleFile.MarkPart { Claim = m.Claim, Reason = m.Reason }).ToList(),
    };

    public static ArticleFile.SectionPart ToPart(Section s) => new()
    {
        Slug = s.Slug,
        Heading = s.Heading,
        Kind = s.Kind,
        Body = s.Body,
        Facts = s.Kind == SectionKind.FactList ? s.Facts.OrderBy(f => f.Position).Select(f => f.Text).ToList() : null,
        Causes = s.Kind == SectionKind.CauseList
            ? s.Causes.OrderBy(c => c.Position).Select(c => new ArticleFile.CausePart { Title = c.Title, Description = c.Description }).ToList()
            : null,
    };

    public static ArticleFile.CitationPart ToPart(Citation c) => new()
    {
        Number = c.Number,
        Kind = c.Kind,
        Authors = new ArticleFile.AuthorNames(c.AuthorNames, null),
        EtAl = c.AuthorsEtAl ? true : null,
        Title = c.Title,
        Source = c.Source,
        Year = c.Year,
        DateDetail = c.DateDetail,
        Volume = c.Volume,
        Issue = c.Issue,
        Pages = c.Pages,
        Doi = c.Doi,
        Pmid = c.Pmid,
        Url = c.Url,
        AccessedOn = c.AccessedOn,
        Evidence = c.Evidence == EvidenceType.NotClassified ? null : c.Evidence,
    };
}

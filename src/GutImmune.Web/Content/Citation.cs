namespace GutImmune.Web.Content;

/// <summary>A numbered reference of one article. Markers such as [3] in the article's Markdown point at <see cref="Number"/>.</summary>
public class Citation
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article-local reference number, from 1.</summary>
    public int Number { get; set; }
    public CitationKind Kind { get; set; }
    /// <summary>The authors' names as AMA style prints them ("Vighi G"), in order.</summary>
    public List<string> AuthorNames { get; set; } = [];
    /// <summary>Whether more authors follow the names ("et al.").</summary>
    public bool AuthorsEtAl { get; set; }

    /// <summary>The names and "et al." together; not stored as such (see <see cref="AuthorNames"/>).</summary>
    public ReferenceAuthors Authors
    {
        get => new(AuthorNames, AuthorsEtAl);
        set
        {
            AuthorNames = value.Names.ToList();
            AuthorsEtAl = value.EtAl;
        }
    }

    public required string Title { get; set; }
    /// <summary>Journal abbreviation for articles, publisher for books, site name for web pages.</summary>
    public string? Source { get; set; }
    public int? Year { get; set; }
    /// <summary>Month and day printed after the year, e.g. "Jun 8".</summary>
    public string? DateDetail { get; set; }
    public string? Volume { get; set; }
    public string? Issue { get; set; }
    public string? Pages { get; set; }
    public string? Doi { get; set; }
    public string? Pmid { get; set; }
    public string? Url { get; set; }
    public DateOnly? AccessedOn { get; set; }
    /// <summary>What kind of study or source the work is; editors judge it, readers see it beside the reference.</summary>
    public EvidenceType Evidence { get; set; }
}

public enum CitationKind
{
    JournalArticle = 0,
    Book = 1,
    WebPage = 2,
}

/// <summary>How strong a source a reference is, as editors classify it. Stored by name, so the order may change.</summary>
public enum EvidenceType
{
    NotClassified = 0,
    SystematicReview = 1,
    RandomisedTrial = 2,
    ObservationalStudy = 3,
    AnimalOrLaboratory = 4,
    Guideline = 5,
    Textbook = 6,
    WebPage = 7,
    Other = 8,
}

public static class EvidenceTypes
{
    /// <summary>The type as editors and readers read it.</summary>
    public static string Name(EvidenceType type) => type switch
    {
        EvidenceType.SystematicReview => "Systematic review or meta-analysis",
        EvidenceType.RandomisedTrial => "Randomised trial",
        EvidenceType.ObservationalStudy => "Observational study",
        EvidenceType.AnimalOrLaboratory => "Animal or laboratory study",
        EvidenceType.Guideline => "Guideline",
        EvidenceType.Textbook => "Textbook",
        EvidenceType.WebPage => "Web page",
        EvidenceType.Other => "Other",
        _ => "Not classified",
    };

    private const string KeywordPrefix = "evidence: ";

    /// <summary>
    /// The keyword the BibTeX and RIS exports write for the type ("evidence: animal or laboratory study"), as neither
    /// format has a field for it; the reference import reads it back with <see cref="FromKeyword"/>.
    /// </summary>
    public static string Keyword(EvidenceType type) => KeywordPrefix + Name(type).ToLowerInvariant();

    /// <summary>The type a keyword written by <see cref="Keyword"/> names, or null for any other keyword.</summary>
    public static EvidenceType? FromKeyword(string keyword)
    {
        var text = keyword.Trim();
        if (!text.StartsWith(KeywordPrefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var name = text[KeywordPrefix.Length..].Trim();
        return Enum.GetValues<EvidenceType>().Where(e => string.Equals(Name(e), name, StringComparison.OrdinalIgnoreCase)).Select(e => (EvidenceType?)e).FirstOrDefault();
    }
}

using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Areas.Admin.Models;

public class SectionForm
{
    public int Version { get; set; }

    [Required(ErrorMessage = "Enter a heading.")]
    [VisibleText(ErrorMessage = "The heading " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Title, ErrorMessage = "The heading can be at most {1:N0} characters long.")]
    public string Heading { get; set; } = "";

    [Display(Name = "Slug (the section’s own address)")]
    [StringLength(ContentLimits.Slug, ErrorMessage = "The slug can be at most {1:N0} characters long.")]
    [RegularExpression(Content.Slug.Pattern, ErrorMessage = Content.Slug.FormatMessage)]
    public string? Slug { get; set; }

    public SectionKind Kind { get; set; }

    [StringLength(ContentLimits.Markdown, ErrorMessage = "The text can be at most {1:N0} characters long.")]
    [CitesReferences]
    public string? Body { get; set; }

    /// <summary>The field of this form that shows a problem with the section's <paramref name="part"/>.</summary>
    public static FormField FieldFor(SectionPart part) => part switch
    {
        SectionPart.Heading => new(nameof(Heading), "The heading"),
        SectionPart.Slug => new(nameof(Slug), "The slug"),
        SectionPart.Body => new(nameof(Body), "The text"),
        _ => new(nameof(Kind), "The kind"),
    };

    public static SectionForm From(Section s, int version) => new() { Version = version, Heading = s.Heading, Slug = s.Slug, Kind = s.Kind, Body = s.Body };

    public void ApplyTo(Section s)
    {
        s.Heading = Heading.Trim();
        s.Slug = string.IsNullOrWhiteSpace(Slug) ? Content.Slug.From(Heading) : Slug.Trim();
        s.Kind = Kind;
        s.Body = Body?.Trim() ?? "";
    }
}

public sealed record SectionEditPage(int ArticleId, string ArticleTitle, int? SectionId, SectionForm Form, Section? Section, HtmlString? Preview);

/// <summary>What every fact and cause form has: the article version it started from and the section it goes in.</summary>
public abstract class SectionItemForm
{
    public int Version { get; set; }

    [Display(Name = "Section")]
    public int SectionId { get; set; }
}

public class FactForm : SectionItemForm
{
    [Required(ErrorMessage = "Enter the fact.")]
    [VisibleText(ErrorMessage = "The fact " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Markdown, ErrorMessage = "The fact can be at most {1:N0} characters long.")]
    [CitesReferences]
    public string Text { get; set; } = "";

    /// <summary>The field that shows a problem with the fact (a fact is its text).</summary>
    public static readonly FormField TextField = new(nameof(Text), "The fact");
}

public class CauseForm : SectionItemForm
{
    [Required(ErrorMessage = "Enter the cause’s title.")]
    [VisibleText(ErrorMessage = "The title " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Title, ErrorMessage = "The title can be at most {1:N0} characters long.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Describe the cause.")]
    [VisibleText(ErrorMessage = "The description " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.Markdown, ErrorMessage = "The description can be at most {1:N0} characters long.")]
    [CitesReferences]
    public string Description { get; set; } = "";

    /// <summary>The field of this form that shows a problem with the cause's <paramref name="part"/>.</summary>
    public static FormField FieldFor(CausePart part) => part switch
    {
        CausePart.Title => new(nameof(Title), "The title"),
        _ => new(nameof(Description), "The description"),
    };
}

/// <summary>The page for one fact or cause: its form, the sections it may live in, and a preview.</summary>
public sealed record ItemEditPage<TForm>(int ArticleId, string ArticleTitle, int? ItemId, TForm Form,
    IReadOnlyList<(int Id, string Heading)> Sections, HtmlString? Preview)
{
    /// <summary>How the saved item is named (a cause's “title”), for the heading: the form may hold a refused one.</summary>
    public string? SavedLabel { get; init; }
}

public class CitationForm
{
    public int Version { get; set; }

    [Display(Name = "Reference number")]
    [Range(1, 999, ErrorMessage = "The number must be between 1 and 999.")]
    public int Number { get; set; }

    public CitationKind Kind { get; set; }

    /// <summary>One name a line ("Vighi G").</summary>
    [Display(Name = "Authors")]
    [Required(ErrorMessage = "Enter at least one author, e.g. “Vighi G”.")]
    [StringLength(ReferenceAuthors.MaxNames * (ReferenceAuthors.MaxNameLength + 2), ErrorMessage = "The authors can be at most {1:N0} characters long together.")]
    public string AuthorNames { get; set; } = "";

    /// <summary>Whether more authors follow the names ("et al.").</summary>
    public bool EtAl { get; set; }

    [Required(ErrorMessage = "Enter the title of the work.")]
    [VisibleText(ErrorMessage = "The title " + VisibleTextAttribute.MustShow)]
    [StringLength(ContentLimits.CitationField, ErrorMessage = "The title can be at most {1:N0} characters long.")]
    public string Title { get; set; } = "";

    [Display(Name = "Journal, publisher or site")]
    [StringLength(ContentLimits.CitationField, ErrorMessage = "The journal, publisher or site can be at most {1:N0} characters long.")]
    public string? Source { get; set; }

    [Range(1000, 2999, ErrorMessage = "Enter a four-digit year.")]
    public int? Year { get; set; }

    [Display(Name = "Month and day (e.g. Jun 8)")]
    [StringLength(50, ErrorMessage = "The month and day can be at most {1:N0} characters long.")]
    public string? DateDetail { get; set; }

    [StringLength(50, ErrorMessage = "The volume can be at most {1:N0} characters long.")]
    public string? Volume { get; set; }

    [StringLength(50, ErrorMessage = "The issue can be at most {1:N0} characters long.")]
    public string? Issue { get; set; }

    [StringLength(50, ErrorMessage = "The pages can be at most {1:N0} characters long.")]
    public string? Pages { get; set; }

    [Display(Name = "DOI (e.g. 10.3389/fimmu.2018.01830)")]
    [StringLength(ContentLimits.ShortText, ErrorMessage = "A DOI can be at most {1:N0} characters long.")]
    [RegularExpression(@"^10\.\S+$", ErrorMessage = "A DOI starts with “10.” (without https://doi.org/).")]
    public string? Doi { get; set; }

    [Display(Name = "PubMed ID")]
    [RegularExpression(@"^\d{1,12}$", ErrorMessage = "A PubMed ID is digits only.")]
    public string? Pmid { get; set; }

    [Display(Name = "Web address")]
    [Url(ErrorMessage = "Enter a full web address starting with https://.")]
    [StringLength(ContentLimits.Url, ErrorMessage = "The web address can be at most {1:N0} characters long.")]
    public string? Url { get; set; }

    [Display(Name = "Accessed on")]
    public DateOnly? AccessedOn { get; set; }

    [Display(Name = "Type of evidence")]
    [EnumDataType(typeof(EvidenceType), ErrorMessage = "Choose one of the listed types of evidence.")]
    public EvidenceType Evidence { get; set; }

    public static CitationForm From(Citation c, int version) => new()
    {
        Version = version, Number = c.Number, Kind = c.Kind, AuthorNames = c.Authors.ToLines(), EtAl = c.AuthorsEtAl, Title = c.Title, Source = c.Source, Year = c.Year,
        DateDetail = c.DateDetail, Volume = c.Volume, Issue = c.Issue, Pages = c.Pages, Doi = c.Doi, Pmid = c.Pmid, Url = c.Url,
        AccessedOn = c.AccessedOn, Evidence = c.Evidence,
    };

    public void ApplyTo(Citation c)
    {
        c.Kind = Kind;
        c.Authors = ReferenceAuthors.FromLines(AuthorNames, EtAl);
        // Null when the field was sent empty: a deleted reference's conflict page applies a form that failed validation.
        c.Title = Title?.Trim() ?? "";
        c.Source = ArticleForm.Blank(Source);
        c.Year = Year;
        c.DateDetail = ArticleForm.Blank(DateDetail);
        c.Volume = ArticleForm.Blank(Volume);
        c.Issue = ArticleForm.Blank(Issue);
        c.Pages = ArticleForm.Blank(Pages);
        c.Doi = ArticleForm.Blank(Doi);
        c.Pmid = ArticleForm.Blank(Pmid);
        c.Url = ArticleForm.Blank(Url);
        c.AccessedOn = AccessedOn;
        c.Evidence = Evidence;
    }

    /// <summary>The field of this form that shows a problem with the reference's <paramref name="part"/>, if it has one.</summary>
    public static FormField? FieldFor(CitationPart part) => part switch
    {
        CitationPart.Number => new(nameof(Number), "The number"),
        CitationPart.Kind => new(nameof(Kind), "The kind"),
        CitationPart.Authors => new(nameof(AuthorNames), "The authors"),
        CitationPart.EtAl => new(nameof(EtAl), "The “et al.” box"),
        CitationPart.Title => new(nameof(Title), "The title"),
        CitationPart.Source => new(nameof(Source), "The source"),
        CitationPart.Year => new(nameof(Year), "The year"),
        CitationPart.DateDetail => new(nameof(DateDetail), "The month and day"),
        CitationPart.Volume => new(nameof(Volume), "The volume"),
        CitationPart.Issue => new(nameof(Issue), "The issue"),
        CitationPart.Pages => new(nameof(Pages), "The pages"),
        CitationPart.Doi => new(nameof(Doi), "The DOI"),
        CitationPart.Pmid => new(nameof(Pmid), "The PubMed ID"),
        CitationPart.Url => new(nameof(Url), "The web address"),
        CitationPart.AccessedOn => new(nameof(AccessedOn), "The date accessed"),
        CitationPart.Evidence => new(nameof(Evidence), "The type of evidence"),
        _ => null,
    };
}

/// <param name="SavedNumber">The saved reference's number, for the heading: the form may hold a refused one.</param>
public sealed record CitationEditPage(int ArticleId, string ArticleTitle, int? CitationId, CitationForm Form, int ReferenceCount, int? SavedNumber);

/// <summary>References pasted to be added at the end of an article's list.</summary>
public sealed class ReferenceImportForm
{
    public int Version { get; set; }

    [Display(Name = "References")]
    [Required(ErrorMessage = "Paste one or more references (BibTeX, RIS, PubMed MEDLINE or CSL-JSON).")]
    [StringLength(GutImmune.Web.Content.Import.References.ReferenceListReader.MaxTextLength,
        ErrorMessage = "The pasted references can be at most {1:N0} characters long: paste them in parts.")]
    public string Text { get; set; } = "";
}

/// <param name="Problems">What is wrong with the pasted records, each with its position; nothing was added.</param>
public sealed record ReferenceImportPage(int ArticleId, string ArticleTitle, ReferenceImportForm Form, IReadOnlyList<string> Problems);

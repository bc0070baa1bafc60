using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>The content checks panel: an article's findings, each with the address of the page where it is fixed.</summary>
public sealed record ContentChecksPanel(int ArticleId, int Version, ArticleCheckResult Result, IReadOnlyDictionary<ContentFinding, string?> Links,
    bool CanEdit, IReadOnlyDictionary<int, string?> SectionLinks)
{
    /// <summary>Where the admin preview hands the panel to the reader layout, which shows it below the article.</summary>
    public const string PreviewKey = "ContentChecks";

    public static ContentChecksPanel For(Article article, ArticleCheckResult result, IUrlHelper url, bool canEdit)
    {
        var links = result.Findings.Distinct().ToDictionary(f => f, f => LinkTo(article, f.Place, url));
        var sectionLinks = Enumerable.Range(0, article.Sections.Count).ToDictionary(i => i, i => LinkTo(article, new ContentPlace.Section(i), url));
        return new ContentChecksPanel(article.Id, article.Version, result, links, canEdit, sectionLinks);
    }

    /// <summary>The admin page where the text at <paramref name="place"/> is edited.</summary>
    public static string? LinkTo(Article article, ContentPlace place, IUrlHelper url) => place switch
    {
        ContentPlace.Section s when s.Index >= 0 && s.Index < article.Sections.Count =>
            url.Action("Edit", "Sections", new { area = "Admin", articleId = article.Id, sectionId = article.Sections[s.Index].Id }),
        ContentPlace.Fact f when f.SectionIndex < article.Sections.Count && f.Index < article.Sections[f.SectionIndex].Facts.Count =>
            url.Action("Edit", "Facts", new { area = "Admin", articleId = article.Id, itemId = article.Sections[f.SectionIndex].Facts[f.Index].Id }),
        ContentPlace.Cause c when c.SectionIndex < article.Sections.Count && c.Index < article.Sections[c.SectionIndex].Causes.Count =>
            url.Action("Edit", "Causes", new { area = "Admin", articleId = article.Id, itemId = article.Sections[c.SectionIndex].Causes[c.Index].Id }),
        ContentPlace.Citation c when c.Index < article.Citations.Count =>
            url.Action("Edit", "Citations", new { area = "Admin", articleId = article.Id, citationId = article.Citations[c.Index].Id }),
        ContentPlace.ArticleField => url.Action("Edit", "Articles", new { area = "Admin", id = article.Id }, null, null, "Disclaimer"),
        _ => null,
    };
}

/// <summary>Marks a claim "no citation needed" (or, with no reason, is refused).</summary>
public sealed class NoCitationNeededForm
{
    public int Version { get; set; }

    [Required(ErrorMessage = "The claim is missing: use the form beside the claim in the content checks.")]
    [StringLength(ContentLimits.Markdown, ErrorMessage = "The claim can be at most {1:N0} characters long: use the form beside the claim in the content checks.")]
    public string Claim { get; set; } = "";

    [Required(ErrorMessage = "Say why this claim needs no citation, e.g. “a definition” or “advice to see a doctor”.")]
    [StringLength(ContentLimits.ShortText, ErrorMessage = "The reason may be up to 500 characters long.")]
    public string Reason { get; set; } = "";
}

/// <summary>The site-wide content report: each article's open findings, sorted by one column.</summary>
public sealed record ContentReportPage(IReadOnlyList<ContentChecker.ReportRow> Rows, string Sort, bool Descending)
{
    public static readonly string[] Columns = ["title", "status", "grade", .. Enum.GetNames<CheckGroup>().Select(n => n.ToLowerInvariant()), "total"];

    public static ContentReportPage Sorted(IReadOnlyList<ContentChecker.ReportRow> rows, string? sort, string? direction)
    {
        var column = Columns.Contains(sort) ? sort! : "total";
        var descending = direction is null ? column is not ("title" or "status") : direction == "desc";
        Func<ContentChecker.ReportRow, IComparable> key = column switch
        {
            "title" => r => r.Title,
            "status" => r => r.Status.ToString(),
            "grade" => r => r.Grade ?? double.MinValue,
            "total" => r => r.Total,
            _ => r => r.Counts[Enum.Parse<CheckGroup>(column, ignoreCase: true)],
        };
        var ordered = descending ? rows.OrderByDescending(key).ThenBy(r => r.Title) : rows.OrderBy(key).ThenBy(r => r.Title);
        return new ContentReportPage(ordered.ToList(), column, descending);
    }
}

using GutImmune.Web.Content;

namespace GutImmune.Web.ContentChecks;

/// <summary>Every check on one article: the readability table and the open findings, grouped; plus the claims marked "no citation needed".</summary>
public sealed record ArticleCheckResult(IReadOnlyList<SectionReadability> Sections, SectionReadability Whole, IReadOnlyList<ContentFinding> Findings,
    IReadOnlyList<MarkedClaim> Marked, double TargetGrade)
{
    /// <summary>Every kind of check in order with its findings, none for a check that found nothing (the panel says so, so that editors see it ran).</summary>
    public IEnumerable<(CheckGroup Group, IReadOnlyList<ContentFinding> Findings)> Groups =>
        Enum.GetValues<CheckGroup>().Select(g => (g, (IReadOnlyList<ContentFinding>)Findings.Where(f => f.Group == g).ToList()));
}

/// <summary>A claim an editor marked as needing no citation that is still in the article, and where.</summary>
public sealed record MarkedClaim(Claim Claim, string Reason);

/// <summary>The one place that runs the content checks: pure functions of the article, the options and the day.</summary>
public static class ArticleChecks
{
    public static ArticleCheckResult Run(Article article, ContentCheckOptions options, DateOnly today)
    {
        var (sections, whole) = Readability.Of(article, options.TargetReadingGrade);
        var claims = Claims.Of(article);
        var findings = Readability.Findings(sections, options.TargetReadingGrade)
            .Concat(Claims.Uncited(claims, article.NoCitationNeeded))
            .Concat(Claims.OnlyAnimalOrLaboratory(claims, article.Citations))
            .Concat(AccessibilityChecks.Of(article))
            .Concat(ReferenceChecks.Of(article, today, options.ReferenceAgeYears))
            .OrderBy(f => f.Group).ToList();
        var marked = claims.Where(c => c.Cited.Count == 0)
            .SelectMany(c => article.NoCitationNeeded.Where(m => m.Claim == c.Text).Take(1).Select(m => new MarkedClaim(c, m.Reason))).ToList();
        return new ArticleCheckResult(sections, whole, findings, marked, options.TargetReadingGrade);
    }

    /// <summary>
    /// The checks that concern one Markdown text as the editor types it (not yet saved): its grade, its uncited and
    /// weakly supported claims, its accessibility. References' own checks need the saved article.
    /// </summary>
    public static FieldCheckResult RunOnField(Article article, ContentPlace place, string label, string markdown, ContentCheckOptions options)
    {
        var statistics = Readability.OfMarkdown([markdown]);
        var grade = Readability.Grade(null, label, statistics, options.TargetReadingGrade);
        var claims = Claims.OfField(place, label, markdown).ToList();
        var findings = (grade.AboveTarget ? Readability.Findings([grade with { SectionIndex = -1 }], options.TargetReadingGrade)
                .Select(f => f with { Place = place, Where = label }) : [])
            .Concat(Claims.Uncited(claims, article.NoCitationNeeded))
            .Concat(Claims.OnlyAnimalOrLaboratory(claims, article.Citations))
            .Concat(AccessibilityChecks.Of(place, label, markdown))
            .ToList();
        return new FieldCheckResult(grade, findings);
    }
}

/// <summary>The checks of one Markdown text while it is being typed.</summary>
public sealed record FieldCheckResult(SectionReadability Grade, IReadOnlyList<ContentFinding> Findings);

using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.ContentChecks;

/// <summary>The content checks' thresholds (section <c>Content</c>).</summary>
public sealed class ContentCheckOptions
{
    public const string Section = "Content";

    /// <summary>Sections graded above this US school grade (Flesch–Kincaid or SMOG) are flagged; health bodies ask for 6–8.</summary>
    [Range(1, 40)]
    public double TargetReadingGrade { get; set; } = 8;

    /// <summary>References published more than this many years ago are flagged for a look for newer evidence.</summary>
    [Range(1, 100)]
    public int ReferenceAgeYears { get; set; } = 10;
}

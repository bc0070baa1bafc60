using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Editing;

/// <summary>How much revision history is kept (<c>Revisions</c> in configuration).</summary>
public sealed class RevisionOptions
{
    public const string Section = "Revisions";

    /// <summary>
    /// When set, each save keeps the article's latest this-many revisions and drops older ones that were never
    /// published and sign off no medical review; unset, every revision is kept.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? KeepLatest { get; set; }
}

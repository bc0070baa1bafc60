using System.Text.RegularExpressions;
using GutImmune.Web.Content;

namespace GutImmune.Web.ContentChecks;

/// <summary>
/// The evidence type a reference's own title states, for references that arrive without one (the seed import): only
/// words that say it outright count; anything else stays "not classified", for an editor to judge. Never a guess.
/// </summary>
public static partial class EvidenceFromTitle
{
    public static EvidenceType Of(string title) => title switch
    {
        _ when SystematicReview().IsMatch(title) => EvidenceType.SystematicReview,
        _ when RandomisedTrial().IsMatch(title) => EvidenceType.RandomisedTrial,
        _ when AnimalOrLaboratory().IsMatch(title) => EvidenceType.AnimalOrLaboratory,
        _ when Guideline().IsMatch(title) => EvidenceType.Guideline,
        _ => EvidenceType.NotClassified,
    };

    [GeneratedRegex(@"\b(systematic review|meta-analys[ie]s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SystematicReview();

    [GeneratedRegex(@"\brandomi[sz]ed (controlled |clinical |placebo-controlled )?trial\b", RegexOptions.IgnoreCase)]
    private static partial Regex RandomisedTrial();

    [GeneratedRegex(@"\b(in (mice|rats|a mouse model|a rat model|pigs|zebrafish)|murine|in vitro)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnimalOrLaboratory();

    [GeneratedRegex(@"\b(clinical practice guidelines?|guidelines? for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Guideline();
}

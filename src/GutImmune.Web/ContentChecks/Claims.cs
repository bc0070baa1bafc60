using GutImmune.Web.Content;

namespace GutImmune.Web.ContentChecks;

/// <summary>A statement readers may take as fact: a paragraph of a section's text, a fact, or a cause; with the references it cites.</summary>
/// <param name="Text">The claim's words without markup or citation markers: what a "no citation needed" mark names.</param>
public sealed record Claim(ContentPlace Place, string Where, string Text, IReadOnlyList<int> Cited);

/// <summary>The claims of an article, and the two checks on them: uncited claims and claims resting only on animal or laboratory studies.</summary>
public static class Claims
{
    public static IReadOnlyList<Claim> Of(Article article)
    {
        var claims = new List<Claim>();
        foreach (var field in article.MarkdownFields())
        {
            if (field.Place is ContentPlace.ArticleField)
                continue; // the disclaimer is the site's notice, not a claim
            claims.AddRange(OfField(field.Place, field.Label, field.Text));
        }
        return claims;
    }

    /// <summary>The claims of one Markdown text: each paragraph of a section's text, or a fact or cause as a whole.</summary>
    public static IEnumerable<Claim> OfField(ContentPlace place, string label, string markdown)
    {
        var paragraphs = MarkdownBlocks.Paragraphs(markdown);
        if (place is ContentPlace.Section)
        {
            for (var i = 0; i < paragraphs.Count; i++)
                yield return new Claim(place, $"{label}, paragraph {i + 1}", paragraphs[i].Text, paragraphs[i].Cited);
        }
        else if (paragraphs.Count > 0)
            yield return new Claim(place, label, string.Join(" ", paragraphs.Select(p => p.Text)), paragraphs.SelectMany(p => p.Cited).Distinct().ToList());
    }

    /// <summary>Claims without a citation marker; those an editor marked "no citation needed" (same text) are not findings.</summary>
    public static IEnumerable<ContentFinding> Uncited(IEnumerable<Claim> claims, IReadOnlyCollection<NoCitationNeeded> marks) =>
        claims.Where(c => c.Cited.Count == 0 && !marks.Any(m => m.Claim == c.Text))
            .Select(c => new ContentFinding(CheckGroup.UncitedClaims, c.Place, c.Where, $"No citation: “{Excerpt(c.Text)}”", [], c.Text));

    /// <summary>Claims whose every cited reference is an animal or laboratory study: weak evidence for advice to people.</summary>
    public static IEnumerable<ContentFinding> OnlyAnimalOrLaboratory(IEnumerable<Claim> claims, IReadOnlyList<Citation> citations)
    {
        var types = citations.GroupBy(c => c.Number).ToDictionary(g => g.Key, g => g.First().Evidence);
        foreach (var claim in claims.Where(c => c.Cited.Count > 0))
        {
            if (claim.Cited.All(n => types.GetValueOrDefault(n) == EvidenceType.AnimalOrLaboratory))
                yield return new ContentFinding(CheckGroup.Evidence, claim.Place, claim.Where,
                    $"Cites only animal or laboratory studies ({string.Join(", ", claim.Cited.Distinct().Order())}): “{Excerpt(claim.Text)}”",
                    ["Say that the finding comes from animals or the laboratory, or cite a study in people."]);
        }
    }

    /// <summary>The start of a long text, cut at a word.</summary>
    public static string Excerpt(string text, int length = 120)
    {
        if (text.Length <= length)
            return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > 40 ? cut : length)] + "…";
    }
}

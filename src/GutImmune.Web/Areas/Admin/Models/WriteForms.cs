using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using GutImmune.Web.Content;
using GutImmune.Web.ContentChecks;
using GutImmune.Web.Editing;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>
/// The blocks of the writing page (everything but the article's own fields, which <see cref="ArticleForm"/> carries):
/// the sections in order with their facts or causes, and the references. Blocks carry the id of what they edit (0 for
/// a new one), so a save changes the same parts whatever was moved.
/// </summary>
public sealed partial class ArticleBlocksForm : IValidatableObject
{
    public List<SectionBlock> Sections { get; set; } = [];
    public List<ReferenceBlock> References { get; set; } = [];

    /// <summary>
    /// The highest reference number of the article the page was made from. A reference added on the page is numbered
    /// after it, never with the number of one removed there: the markers that cited the removed one must then be refused
    /// by the save (which closes the gap), not silently cite the new work.
    /// </summary>
    public int NumberedUpTo { get; set; }

    /// <summary>
    /// A reference number the page sent twice: the page numbers references itself (a hidden field), so the second one was
    /// sent altered, or copied from another tab. Said on that reference, in the page's words; the save would only say
    /// "numbered twice" on a field the editor cannot see.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var numbered = new HashSet<int>();
        for (var r = 0; r < References.Count; r++)
        {
            if (!numbered.Add(References[r].Number))
                yield return new ValidationResult(DuplicateNumber(References[r].Number), [NumberField(r)]);
        }
    }

    private static string DuplicateNumber(int number) =>
        $"This reference has the number {number}, as another reference on this page has: remove the one that should not be "
        + "there, or reload the page to see the references as saved. To renumber references, use the article page.";

    /// <summary>The hidden field of the page that carries the number of its reference <paramref name="index"/>; its problems show under the reference's heading.</summary>
    private static string NumberField(int index) => $"{nameof(References)}[{index}].{nameof(ReferenceBlock.Number)}";

    public static ArticleBlocksForm From(Article article) => new()
    {
        NumberedUpTo = article.Citations.Select(c => c.Number).DefaultIfEmpty(0).Max(),
        Sections = article.Sections.Select(s =>
        {
            var block = new SectionBlock { Id = s.Id, Heading = s.Heading, Slug = s.Slug, Kind = s.Kind, Body = s.Body };
            block.Facts = s.Facts.Select(f => new FactBlock { Id = f.Id, Text = f.Text }).ToList();
            block.Causes = s.Causes.Select(c => new CauseBlock { Id = c.Id, Title = c.Title, Description = c.Description }).ToList();
            return block;
        }).ToList(),
        References = article.Citations.OrderBy(c => c.Number).Select(c =>
        {
            var block = new ReferenceBlock { Id = c.Id };
            block.CopyFrom(c);
            return block;
        }).ToList(),
    };

    /// <summary>
    /// Gives <paramref name="article"/> these blocks: parts are found by id (wherever they were), new blocks become new
    /// parts, parts without a block are removed. References keep the numbers the page gave them (a new one the next free).
    /// </summary>
    /// <summary>The ids of the parts the page lists, in the order <see cref="ApplyTo"/> sets them.</summary>
    public ShownParts Shown() => new(
        [.. Sections.Select(s => s.Id)],
        [.. Sections.Select(s => (IReadOnlyList<int>)[.. s.Facts.Select(f => f.Id)])],
        [.. Sections.Select(s => (IReadOnlyList<int>)[.. s.Causes.Select(c => c.Id)])],
        [.. References.OrderBy(r => r.Number).Select(r => r.Id)]);

    public IEnumerable<ContentProblem>? ApplyTo(Article article)
    {
        var facts = article.Sections.SelectMany(s => s.Facts).Where(f => f.Id != 0).ToDictionary(f => f.Id);
        var causes = article.Sections.SelectMany(s => s.Causes).Where(c => c.Id != 0).ToDictionary(c => c.Id);
        var sections = Sections.Select(block =>
        {
            var section = (block.Id != 0 ? article.FindSection(block.Id) : null) ?? new Section { Slug = "", Heading = "" };
            block.ApplyTo(section);
            section.Facts = block.Facts.Select(b =>
            {
                var fact = facts.GetValueOrDefault(b.Id) ?? new Fact { Text = "" };
                fact.Text = b.Text?.Trim() ?? "";
                return fact;
            }).ToList();
            section.Causes = block.Causes.Select(b =>
            {
                var cause = causes.GetValueOrDefault(b.Id) ?? new Cause { Title = "", Description = "" };
                cause.Title = b.Title?.Trim() ?? "";
                cause.Description = b.Description?.Trim() ?? "";
                return cause;
            }).ToList();
            return section;
        }).ToList();
        article.Sections.Clear();
        article.Sections.AddRange(sections);

        var citations = References.Select(block =>
        {
            var citation = (block.Id != 0 ? article.Citations.Find(c => c.Id == block.Id) : null) ?? new Citation { Title = "" };
            block.ApplyTo(citation);
            citation.Number = block.Number;
            return citation;
        }).OrderBy(c => c.Number).ToList();
        article.Citations.Clear();
        article.Citations.AddRange(citations);
        return null;
    }

    /// <summary>
    /// The field of the page that shows a problem at <paramref name="place"/>: the article's own fields by name,
    /// the blocks' as the page names them ("Sections[1].Facts[0].Text"). Places count as the article's lists do, which
    /// follow the blocks' order (references by number, as the page lists them).
    /// </summary>
    public static FormField? FieldFor(ContentPlace place) => place switch
    {
        ContentPlace.Section { Field: SectionPart.Facts or SectionPart.Causes } => null,
        ContentPlace.Section { Field: { } part } s => Within($"Sections[{s.Index}].", $"Section {s.Index + 1}: ", SectionForm.FieldFor(part)),
        ContentPlace.Fact f => Within($"Sections[{f.SectionIndex}].Facts[{f.Index}].", $"Section {f.SectionIndex + 1}, fact {f.Index + 1}: ", FactForm.TextField),
        ContentPlace.Cause c => Within($"Sections[{c.SectionIndex}].Causes[{c.Index}].", $"Section {c.SectionIndex + 1}, cause {c.Index + 1}: ",
            CauseForm.FieldFor(c.Field ?? CausePart.Title)),
        ContentPlace.Citation { Field: { } part } r when CitationForm.FieldFor(part) is { } field =>
            Within($"References[{r.Index}].", $"Reference {r.Index + 1}: ", field),
        _ => ArticleForm.FieldFor(place),
    };

    private static FormField Within(string prefix, string place, FormField field) =>
        new(prefix + field.Property, place + char.ToLowerInvariant(field.Label[0]) + field.Label[1..]);

    /// <summary>
    /// Carries out one of the page's block buttons without JavaScript ("up:Sections[1]", "remove:Sections[0].Facts[2]",
    /// "add:Sections[2].Facts", "add:Sections", "add:References"; "refresh" only shows the page again); returns what happened, as announced to the editor,
    /// and the block to bring into view (its path, "Sections[0].Facts[1]": the one added or moved, or the one now where one was removed),
    /// or null for a button it does not know.
    /// </summary>
    public (string Message, string? Block)? Change(string change)
    {
        if (change == "refresh")
            return ("Each section now shows the items of its kind.", null);
        var match = ChangePattern().Match(change);
        if (!match.Success)
            return null;
        var (action, section, list, item) = (match.Groups["action"].Value, Index(match.Groups["section"]), match.Groups["list"].Value,
            Index(match.Groups["item"]));
        if (section is { } s && (s < 0 || s >= Sections.Count))
            return null;
        return (list, section) switch
        {
            ("Sections", null) => Change(Sections, "Sections", action, item, "Section", () => new SectionBlock()),
            ("References", null) => Change(References, "References", action, item, "Reference",
                () => new ReferenceBlock { Number = References.Select(r => r.Number).Append(NumberedUpTo).Max() + 1 }),
            ("Facts", { } at) => Change(Sections[at].Facts, $"Sections[{at}].Facts", action, item, "Fact", () => new FactBlock()),
            ("Causes", { } at) => Change(Sections[at].Causes, $"Sections[{at}].Causes", action, item, "Cause", () => new CauseBlock()),
            _ => null,
        };
    }

    private static (string, string?)? Change<T>(List<T> items, string path, string action, int? index, string name, Func<T> create)
    {
        if (action == "add" && index is null)
        {
            items.Add(create());
            return ($"{name} {items.Count} added at the end.", $"{path}[{items.Count - 1}]");
        }
        if (index is not { } i || i < 0 || i >= items.Count)
            return null;
        switch (action)
        {
            case "remove":
                items.RemoveAt(i);
                return ($"{name} {i + 1} removed.", items.Count == 0 ? null : $"{path}[{Math.Min(i, items.Count - 1)}]");
            case "up" or "down":
                var moved = items.Move(items[i], action == "up" ? -1 : 1);
                var now = moved ? i + (action == "up" ? -1 : 1) : i;
                return (moved ? $"{name} {i + 1} moved {action} to position {now + 1} of {items.Count}." : $"{name} {i + 1} stays where it is.",
                    $"{path}[{now}]");
            default:
                return null;
        }
    }

    private static int? Index(Group group) => group.Success ? int.Parse(group.Value) : null;

    [GeneratedRegex(@"^(?<action>add|remove|up|down):(?:Sections\[(?<section>\d{1,4})\]\.)?(?<list>Sections|Facts|Causes|References)(?:\[(?<item>\d{1,4})\])?$")]
    private static partial Regex ChangePattern();

    /// <summary>Which block of the page a field of <see cref="ArticleFields"/> belongs to ("section-12", "fact-40", "details").</summary>
    public static string BlockOf(string fieldKey) => BlockKeyPattern().Match(fieldKey) is { Success: true } m
        ? $"{m.Groups[1].Value}-{m.Groups[2].Value}"
        : fieldKey is "sections" or "references" ? fieldKey : "details";

    [GeneratedRegex(@"^(section|fact|cause|reference)(\d+)")]
    private static partial Regex BlockKeyPattern();

    /// <summary>
    /// Those of the page's refused fields <paramref name="sent"/> (as the page names them: "Title",
    /// "Sections[1].Facts[0].Text", with the text sent) that hold what <paramref name="stored"/> holds: the article's own
    /// field, or the same part's (found by its id). A rule such a field breaks is a problem the article already had, which
    /// a save of other parts does not bring (the editor's rule for every form); the save still refuses what it does bring.
    /// </summary>
    public IEnumerable<string> SentAsStored(IEnumerable<(string Key, string? Sent)> sent, ArticleForm details, Article stored)
    {
        var storedDetails = ArticleForm.From(stored);
        var storedBlocks = From(stored);
        // A reference's number is the page's own hidden field: a number sent twice is the page's problem (Validate), not the article's.
        foreach (var (key, text) in sent.Where(f => !f.Key.StartsWith(nameof(References) + "[", StringComparison.Ordinal)
                     || !f.Key.EndsWith("." + nameof(ReferenceBlock.Number), StringComparison.Ordinal)))
        {
            var (posted, kept, field) = FieldPattern().Match(key) is not { Success: true } m ? ((object?)details, (object?)storedDetails, key)
                : Index(m.Groups["reference"]) is { } r ? Pair(References, r, storedBlocks.References, m)
                : m.Groups["list"].Value == "Facts" ? Pair(At(Sections, m)?.Facts, Index(m.Groups["item"]), storedBlocks.Sections.SelectMany(b => b.Facts).ToList(), m)
                : m.Groups["list"].Value == "Causes" ? Pair(At(Sections, m)?.Causes, Index(m.Groups["item"]), storedBlocks.Sections.SelectMany(b => b.Causes).ToList(), m)
                : Pair(Sections, Index(m.Groups["section"]), storedBlocks.Sections, m);
            if (posted is not null && kept is not null && kept.GetType().GetProperty(field) is { } property
                && ArticleForm.SentAsStored(text, property.GetValue(kept)))
                yield return key;
        }

        static SectionBlock? At(List<SectionBlock> sections, Match m) =>
            Index(m.Groups["section"]) is { } i && i < sections.Count ? sections[i] : null;
        static (object?, object?, string) Pair<T>(List<T>? posted, int? index, List<T> stored, Match m) where T : class, IBlock =>
            posted is not null && index is { } i && i < posted.Count && posted[i].Id != 0
                ? (posted[i], stored.Find(b => b.Id == posted[i].Id), m.Groups["field"].Value)
                : (null, null, "");
    }

    [GeneratedRegex(@"^(?:References\[(?<reference>\d{1,4})\]|Sections\[(?<section>\d{1,4})\](?:\.(?<list>Facts|Causes)\[(?<item>\d{1,4})\])?)\.(?<field>\w+)$")]
    private static partial Regex FieldPattern();
}

/// <summary>A block of the writing page: the id of the part it edits (0 for a new one).</summary>
public interface IBlock
{
    int Id { get; }
}

public sealed class SectionBlock : SectionForm, IBlock
{
    public int Id { get; set; }
    public List<FactBlock> Facts { get; set; } = [];
    public List<CauseBlock> Causes { get; set; } = [];
}

public sealed class FactBlock : FactForm, IBlock
{
    public int Id { get; set; }
}

public sealed class CauseBlock : CauseForm, IBlock
{
    public int Id { get; set; }
}

public sealed class ReferenceBlock : CitationForm, IBlock
{
    public int Id { get; set; }

    public void CopyFrom(Citation c)
    {
        (Number, Kind, AuthorNames, EtAl, Title, Source, Year) = (c.Number, c.Kind, c.Authors.ToLines(), c.AuthorsEtAl, c.Title, c.Source, c.Year);
        (DateDetail, Evidence) = (c.DateDetail, c.Evidence);
        (Volume, Issue, Pages, Doi, Pmid, Url, AccessedOn) = (c.Volume, c.Issue, c.Pages, c.Doi, c.Pmid, c.Url, c.AccessedOn);
    }
}

/// <summary>
/// The writing page: the article's fields and blocks as they are (or as the editor left them), the pending change it
/// may offer back, the conflicts found on a save by block (<see cref="ArticleBlocksForm.BlockOf"/>), what the last
/// block button did (<paramref name="Announcement"/>) and to which block (<paramref name="ChangedBlock"/>), and the content
/// checks of the saved working copy by block.
/// </summary>
public sealed record WritePage(int ArticleId, string ArticleTitle, int CurrentVersion, ArticleForm Details, ArticleBlocksForm Blocks,
    PendingChanges.Kept? Pending, IReadOnlyDictionary<string, List<ConflictingField>> Conflicts, string? Announcement,
    IReadOnlyDictionary<string, BlockChecks> Checks, string? ChangedBlock = null)
{
    /// <summary>Whether the block at <paramref name="path"/> is the one a block button (without JavaScript) just changed: the page opens on it.</summary>
    public bool Brings(string path) => ChangedBlock == path;

    public IReadOnlyList<ConflictingField> ConflictsOn(string block) => Conflicts.GetValueOrDefault(block) ?? [];

    public BlockChecks? ChecksOn(string block) => Checks.GetValueOrDefault(block);
}

/// <summary>
/// The content checks of one block of the writing page, as of the last save: a section's reading grade (its text,
/// facts and causes together) and the findings whose place is in the block; an article field's findings go to "details".
/// </summary>
public sealed record BlockChecks(SectionReadability? Grade, IReadOnlyList<ContentFinding> Findings)
{
    /// <param name="article">The article as stored: every block of it gets its checks, "no findings" included.</param>
    public static IReadOnlyDictionary<string, BlockChecks> Of(Article article, ArticleCheckResult result)
    {
        var findings = result.Findings.ToLookup(f => BlockOf(article, f.Place));
        IEnumerable<(string Key, SectionReadability? Grade)> blocks = [
            .. article.Sections.Select((s, i) => ($"section-{s.Id}", result.Sections.FirstOrDefault(r => r.SectionIndex == i))),
            .. article.Sections.SelectMany(s => s.Facts).Select(f => ($"fact-{f.Id}", (SectionReadability?)null)),
            .. article.Sections.SelectMany(s => s.Causes).Select(c => ($"cause-{c.Id}", (SectionReadability?)null)),
            .. article.Citations.Select(c => ($"reference-{c.Id}", (SectionReadability?)null)),
            ("details", null),
        ];
        return blocks.DistinctBy(b => b.Key).ToDictionary(b => b.Key, b => new BlockChecks(b.Grade, findings[b.Key].ToList()));
    }

    /// <summary>The block a place of the article is in, named as <see cref="ArticleBlocksForm.BlockOf"/> names them.</summary>
    private static string BlockOf(Article article, ContentPlace place) => place switch
    {
        ContentPlace.Section s when s.Index >= 0 && s.Index < article.Sections.Count => $"section-{article.Sections[s.Index].Id}",
        ContentPlace.Fact f when f.SectionIndex < article.Sections.Count && f.Index < article.Sections[f.SectionIndex].Facts.Count =>
            $"fact-{article.Sections[f.SectionIndex].Facts[f.Index].Id}",
        ContentPlace.Cause c when c.SectionIndex < article.Sections.Count && c.Index < article.Sections[c.SectionIndex].Causes.Count =>
            $"cause-{article.Sections[c.SectionIndex].Causes[c.Index].Id}",
        ContentPlace.Citation c when c.Index >= 0 && c.Index < article.Citations.Count => $"reference-{article.Citations[c.Index].Id}",
        _ => "details",
    };
}

/// <summary>One plain field of a block on the writing page, named as the form posts it.</summary>
public sealed record BlockInput(string Name, string Label, string? Value, string Type = "text", string? InputMode = null, bool Required = false);

/// <summary>The move and remove buttons of one block: its path as the page names it ("Sections[1].Facts[0]") and what to call it.</summary>
public sealed record BlockButtons(string Path, string Label, bool Movable = true);

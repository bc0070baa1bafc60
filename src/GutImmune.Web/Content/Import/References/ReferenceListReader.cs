using System.Globalization;
using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import.References;

/// <summary>
/// Reads pasted references in BibTeX, RIS, PubMed's MEDLINE format (.nbib) or CSL-JSON into citations. Each record is
/// read whole; a record that cannot become a reference is reported with its position and what is wrong.
/// </summary>
public static partial class ReferenceListReader
{
    public const int MaxTextLength = 1_000_000;

    /// <summary>Where a problem of the pasted text as a whole (not of one record) is.</summary>
    public const string WholeText = "the text";

    public enum Format { BibTex, Ris, Medline, CslJson }

    /// <param name="Where">The record's position in words: "record 2 (line 14)".</param>
    public sealed record Problem(string Where, string Message)
    {
        public override string ToString() => $"{char.ToUpperInvariant(Where[0])}{Where[1..]}: {Message}";
    }

    /// <summary>The references read, in order, or (when any record is wrong) the problems and no references.</summary>
    public sealed record Result(Format? Format, IReadOnlyList<Citation> References, IReadOnlyList<Problem> Problems)
    {
        public bool Succeeded => Problems.Count == 0 && References.Count > 0;
    }

    /// <param name="currentYear">The site's year: a reference dated after it is refused by <see cref="ArticleValidator.FutureYearProblem"/>.</param>
    public static Result Read(string? text, int currentYear)
    {
        text = (text ?? "").ReplaceLineEndings("\n").TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
            return Failed(null, "Paste one or more references (BibTeX, RIS, PubMed MEDLINE or CSL-JSON).");
        if (text.Length > MaxTextLength)
            return Failed(null, $"The text is longer than {MaxTextLength:N0} characters; import it in parts.");
        // U+FFFD is what the form's decoder leaves for bytes that are not UTF-8; NUL is in no text.
        if (text.IndexOfAny(['\uFFFD', '\0']) is >= 0 and var bad)
            return Failed(null, $"The text has characters that are not valid text (UTF-8), first on line {text.AsSpan(0, bad).Count('\n') + 1}: save the file as UTF-8 text and paste it again.");
        var format = Detect(text);
        if (format is null)
            return Failed(null, "This is not a format the import reads: BibTeX starts with @article{ (or @book{, @misc{), RIS with “TY  - ”, PubMed MEDLINE with “PMID- ” and CSL-JSON with [ or {.");
        var records = format switch
        {
            Format.BibTex => BibTexReferences.Read(text),
            Format.Ris => RisReferences.Read(text),
            Format.Medline => MedlineReferences.Read(text),
            _ => CslJsonReferences.Read(text),
        };
        foreach (var record in records.Where(r => r.Citation is not null))
            if (ArticleValidator.FutureYearProblem(record.Citation!.Year, currentYear) is { } future)
                record.Refuse(future);
        var problems = records.SelectMany(r => r.Problems.Select(p => new Problem(r.Where, p))).ToList();
        if (records.Count == 0)
            problems.Add(new Problem(WholeText, "The text holds no reference record."));
        if (records.Count > ContentLimits.Citations)
            problems.Add(new Problem(WholeText, $"The text holds {records.Count} records; an article has at most {ContentLimits.Citations} references."));
        return problems.Count > 0
            ? new Result(format, [], problems)
            : new Result(format, records.Select(r => r.Citation!).ToList(), []);
    }

    private static Result Failed(Format? format, string message) => new(format, [], [new Problem(WholeText, message)]);

    private static Format? Detect(string text)
    {
        var start = text.TrimStart();
        if (start.StartsWith('@'))
            return Format.BibTex;
        if (start.StartsWith('[') || start.StartsWith('{'))
            return Format.CslJson;
        if (RisStart().IsMatch(start))
            return Format.Ris;
        if (MedlineStart().IsMatch(start))
            return Format.Medline;
        return null;
    }

    [GeneratedRegex(@"^TY  -")]
    private static partial Regex RisStart();

    [GeneratedRegex(@"^[A-Z]{2,4} *- ")]
    private static partial Regex MedlineStart();

    /// <summary>One record's fields as the formats name them, turned into a citation by the same rules for all formats.</summary>
    internal sealed class Record(string where)
    {
        public string Where { get; } = where;
        public List<string> Problems { get; } = [];
        public CitationKind Kind { get; set; } = CitationKind.JournalArticle;
        public List<string> Authors { get; } = [];
        public bool EtAl { get; set; }
        public string? Title { get; set; }
        public string? Source { get; set; }
        public string? Year { get; set; }
        public string? DateDetail { get; set; }
        public string? Volume { get; set; }
        public string? Issue { get; set; }
        public string? Pages { get; set; }
        public string? Doi { get; set; }
        public string? Pmid { get; set; }
        public string? Url { get; set; }
        public string? AccessedOn { get; set; }
        public EvidenceType Evidence { get; set; }

        public Citation? Citation { get; private set; }

        /// <summary>Checks what every reference needs and builds the citation; the article's own rules are checked when it is added.</summary>
        public Record Complete()
        {
            var authors = new ReferenceAuthors(Authors.Select(a => a.Trim()).Where(a => a.Length > 0 && !ReferenceAuthors.IsEtAl(a)),
                EtAl || Authors.Any(a => ReferenceAuthors.IsEtAl(a.Trim())));
            if (authors.Names.Count == 0)
                Problems.Add("has no author.");
            if (string.IsNullOrWhiteSpace(Title))
                Problems.Add("has no title.");
            int? year = null;
            if (Blank(Year) is { } yearText)
            {
                if (YearIn().Match(yearText) is { Success: true } match)
                    year = int.Parse(match.Value, CultureInfo.InvariantCulture);
                else
                    Problems.Add($"the year “{yearText}” is not a four-digit year.");
            }
            DateOnly? accessed = null;
            if (Blank(AccessedOn) is { } accessedText)
            {
                if (DateOnly.TryParseExact(accessedText.Replace('/', '-'), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    accessed = day;
                else
                    Problems.Add($"the date accessed “{accessedText}” is not a date like 2020-05-09.");
            }
            var doi = Blank(Doi) is { } d ? DoiPrefix().Replace(d, "") : null;
            if (doi is not null && !DoiForm().IsMatch(doi))
                Problems.Add($"the DOI “{doi}” is not a DOI: it starts with “10.” and has no spaces (e.g. 10.3389/fimmu.2018.01830).");
            var url = Blank(Url);
            // RIS and CSL-JSON often give the DOI's own address as the web address; the DOI link says it already.
            if (doi is not null && url is not null && string.Equals(url, $"https://doi.org/{doi}", StringComparison.OrdinalIgnoreCase))
                url = null;
            if (Problems.Count == 0)
                Citation = new Citation
                {
                    Kind = Kind,
                    Authors = authors,
                    Title = Title!.Trim(),
                    Source = Blank(Source),
                    Year = year,
                    DateDetail = Blank(DateDetail),
                    Volume = Blank(Volume),
                    Issue = Blank(Issue),
                    Pages = Blank(Pages),
                    Doi = doi,
                    Pmid = Blank(Pmid),
                    Url = url,
                    AccessedOn = accessed,
                    Evidence = Evidence,
                };
            return this;
        }

        /// <summary>A problem found once the record was complete: it adds nothing.</summary>
        public void Refuse(string problem)
        {
            Problems.Add(problem);
            Citation = null;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : Regex.Replace(value.Trim(), @"\s+", " ");
    }

    [GeneratedRegex(@"^10\.\S+$")]
    private static partial Regex DoiForm();

    [GeneratedRegex(@"(?<!\d)[12]\d{3}(?!\d)")]
    private static partial Regex YearIn();

    [GeneratedRegex(@"^(https?://(dx\.)?doi\.org/|doi:\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex DoiPrefix();
}

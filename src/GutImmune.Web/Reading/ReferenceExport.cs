using System.Globalization;
using System.Text;
using GutImmune.Web.Content;

namespace GutImmune.Web.Reading;

/// <summary>
/// How to cite an article (AMA and APA text, BibTeX, RIS) and its reference list as BibTeX or RIS, for reference
/// managers such as Zotero, EndNote and Mendeley.
/// </summary>
public static class ReferenceExport
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>
    /// How to cite an article page in AMA and APA style, each text written when first read: a page whose markup is kept
    /// (<see cref="ArticlePage.MarkupKey"/>) never reads them.
    /// </summary>
    public sealed class CiteThisPage(ArticleHeader article, string url, DateOnly accessed)
    {
        private DateOnly Published => article.PublishedAt is { } p ? DateOnly.FromDateTime(p) : DateOnly.FromDateTime(article.UpdatedAt);

        public string Ama => field ??= AmaText();

        public string Apa => field ??= $"{Sentence(article.AuthorName)} ({Published.ToString("yyyy, MMMM d", English)}). {article.Title}. {SiteAddress.SiteName}. {url}";

        private string AmaText()
        {
            var published = Published;
            var updated = DateOnly.FromDateTime(article.UpdatedAt);
            return $"{Sentence(article.AuthorName)} {Sentence(article.Title)} {SiteAddress.SiteName}. Published {AmaDate(published)}."
                + (updated > published ? $" Updated {AmaDate(updated)}." : "")
                + $" Accessed {AmaDate(accessed)}. {url}";
        }
    }

    public static CiteThisPage Cite(ArticleHeader article, string url, DateOnly accessed) => new(article, url, accessed);

    public static string ArticleBibTex(ArticleHeader article, string url, DateOnly accessed)
    {
        var published = article.PublishedAt ?? article.UpdatedAt;
        return new BibTexEntry("misc", $"gutimmune-{article.Slug}")
            .Field("author", article.AuthorName, asOneName: true)
            .Field("title", article.Title)
            .Field("howpublished", SiteAddress.SiteName)
            .Field("year", published.Year.ToString(English))
            .Month(published.Month)
            .Address("url", url)
            .Field("urldate", accessed.ToString("yyyy-MM-dd", English))
            .ToString();
    }

    public static string ArticleRis(ArticleHeader article, string url, DateOnly accessed)
    {
        var published = article.PublishedAt ?? article.UpdatedAt;
        var ris = new StringBuilder();
        Ris(ris, "TY", "ELEC");
        Ris(ris, "AU", article.AuthorName);
        Ris(ris, "TI", article.Title);
        Ris(ris, "T2", SiteAddress.SiteName);
        Ris(ris, "PY", published.Year.ToString(English));
        Ris(ris, "DA", published.ToString("yyyy/MM/dd", English));
        Ris(ris, "UR", url);
        Ris(ris, "Y2", accessed.ToString("yyyy/MM/dd", English));
        Ris(ris, "AB", article.Summary);
        ris.Append("ER  - \r\n");
        return ris.ToString();
    }

    public static string ReferencesBibTex(string articleSlug, IEnumerable<Citation> citations) => string.Join("\n", citations.Select(c =>
    {
        var entry = new BibTexEntry(c.Kind switch { CitationKind.Book => "book", CitationKind.WebPage => "misc", _ => "article" }, $"{articleSlug}-ref{c.Number}")
            .Authors(c.Authors)
            .Field("title", c.Title);
        entry = c.Kind switch
        {
            CitationKind.Book => entry.Field("publisher", c.Source),
            CitationKind.WebPage => entry.Field("howpublished", c.Source),
            _ => entry.Field("journal", c.Source),
        };
        return entry.Field("year", c.Year?.ToString(English)).Field("volume", c.Volume).Field("number", c.Issue)
            .Field("pages", c.Pages?.Replace("-", "--")).Address("doi", c.Doi).Field("pmid", c.Pmid).Address("url", c.Url)
            .Field("urldate", c.AccessedOn?.ToString("yyyy-MM-dd", English))
            .Field("keywords", c.Evidence == EvidenceType.NotClassified ? null : EvidenceTypes.Keyword(c.Evidence))
            .ToString();
    }));

    public static string ReferencesRis(IEnumerable<Citation> citations)
    {
        var ris = new StringBuilder();
        foreach (var c in citations)
        {
            Ris(ris, "TY", c.Kind switch { CitationKind.Book => "BOOK", CitationKind.WebPage => "ELEC", _ => "JOUR" });
            foreach (var name in c.AuthorNames)
                Ris(ris, "AU", RisName(name));
            Ris(ris, "TI", c.Title);
            Ris(ris, c.Kind == CitationKind.Book ? "PB" : "T2", c.Source);
            Ris(ris, "PY", c.Year?.ToString(English));
            Ris(ris, "VL", c.Volume);
            Ris(ris, "IS", c.Issue);
            if (c.Pages is { } pages)
            {
                var parts = pages.Split('-', 2);
                Ris(ris, "SP", parts[0]);
                Ris(ris, "EP", parts.Length > 1 ? parts[1] : null);
            }
            Ris(ris, "DO", c.Doi);
            Ris(ris, "AN", c.Pmid is null ? null : $"PMID:{c.Pmid}");
            Ris(ris, "UR", c.Url ?? (c.Doi is null ? null : $"https://doi.org/{c.Doi}"));
            Ris(ris, "Y2", c.AccessedOn?.ToString("yyyy/MM/dd", English));
            Ris(ris, "KW", c.Evidence == EvidenceType.NotClassified ? null : EvidenceTypes.Keyword(c.Evidence));
            // RIS has no tag for "et al."; an AU line would make it an author, so the note says it (and import reads it back).
            Ris(ris, "N1", c.AuthorsEtAl ? $"Reference {c.Number}; {RisEtAlNote}" : $"Reference {c.Number}");
            ris.Append("ER  - \r\n");
        }
        return ris.ToString();
    }

    /// <summary>What the RIS note says when more authors follow the ones listed.</summary>
    public const string RisEtAlNote = "more authors follow (et al.)";

    private static void Ris(StringBuilder ris, string tag, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            ris.Append(tag).Append("  - ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
    }

    /// <summary>RIS's "Last, First" form: "Vighi G" becomes "Vighi, G."; an organisation's name stays as it is.</summary>
    private static string RisName(string name)
    {
        var lastFirst = ReferenceAuthors.BibTexName(name);
        return lastFirst.StartsWith('{') ? name : lastFirst;
    }

    private static string AmaDate(DateOnly date) => date.ToString("MMMM d, yyyy", English);

    private static string Sentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";

    /// <summary>One BibTeX entry, every field's text escaped so that it cannot close its field or run LaTeX commands.</summary>
    private sealed class BibTexEntry(string type, string key)
    {
        /// <summary>BibTeX's month abbreviations, written without braces so that styles can spell the month out.</summary>
        private static readonly string[] MonthMacros = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

        private readonly List<string> _fields = [];

        /// <summary>
        /// Adds a field in braces, its text escaped; <paramref name="asOneName"/> adds a second pair of braces so that
        /// BibTeX keeps a free-text author list as written instead of splitting it into names.
        /// </summary>
        public BibTexEntry Field(string name, string? value, bool asOneName = false)
        {
            if (!string.IsNullOrWhiteSpace(value))
                _fields.Add($"  {name} = {(asOneName ? "{{" + Escape(value) + "}}" : "{" + Escape(value) + "}")}");
            return this;
        }

        /// <summary>
        /// The author field as BibTeX reads names: "Vighi, G. and Marcucci, F. and others", each name's text escaped
        /// (an organisation in braces so that it stays one name).
        /// </summary>
        public BibTexEntry Authors(ReferenceAuthors authors)
        {
            var names = authors.Names.Select(n => ReferenceAuthors.BibTexName(n) is var name && name.StartsWith('{')
                ? "{" + Escape(n) + "}"
                : Escape(name)).ToList();
            if (authors.EtAl)
                names.Add("others");
            if (names.Count > 0)
                _fields.Add($"  author = {{{string.Join(" and ", names)}}}");
            return this;
        }

        public BibTexEntry Month(int month)
        {
            _fields.Add($"  month = {MonthMacros[month - 1]}");
            return this;
        }

        /// <summary>
        /// A URL or DOI, which LaTeX prints verbatim (\url): characters that could end the field or start a command are
        /// percent-encoded, and % and # get the backslash that verbatim URLs in BibTeX need.
        /// </summary>
        public BibTexEntry Address(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
                return this;
            var escaped = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c is '{' or '}' or '\\' or '^' or '`' or '|' or '"' or '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c))
                    escaped.Append(Uri.EscapeDataString(c.ToString()).Replace("%", @"\%"));
                else if (c is '%' or '#')
                    escaped.Append('\\').Append(c);
                else
                    escaped.Append(c);
            }
            _fields.Add($"  {name} = {{{escaped}}}");
            return this;
        }

        public override string ToString() => $"@{type}{{{key},\n{string.Join(",\n", _fields)}\n}}\n";

        /// <summary>
        /// Text as LaTeX prints it literally. BibTeX counts every brace, escaped or not, to find where a field ends, so
        /// braces become commands with balanced braces of their own; the characters LaTeX treats as commands,
        /// comments, parameters or math become their text forms; line breaks become spaces.
        /// </summary>
        private static string Escape(string value)
        {
            var escaped = new StringBuilder(value.Length);
            foreach (var c in value.ReplaceLineEndings(" "))
            {
                escaped.Append(c switch
                {
                    '\\' => @"\textbackslash{}",
                    '{' => @"\textbraceleft{}",
                    '}' => @"\textbraceright{}",
                    '~' => @"\textasciitilde{}",
                    '^' => @"\textasciicircum{}",
                    '&' or '%' or '$' or '#' or '_' => "\\" + c,
                    _ when char.IsControl(c) => " ",
                    _ => c.ToString(),
                });
            }
            return escaped.ToString();
        }
    }
}

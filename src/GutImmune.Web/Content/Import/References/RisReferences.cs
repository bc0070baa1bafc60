using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import.References;

/// <summary>RIS: one "XX  - value" line per field, a record from "TY" to "ER".</summary>
internal static partial class RisReferences
{
    public static List<ReferenceListReader.Record> Read(string text)
    {
        var records = new List<ReferenceListReader.Record>();
        ReferenceListReader.Record? record = null;
        string? startPage = null, endPage = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0)
                continue;
            var match = Tag().Match(line);
            if (!match.Success)
            {
                (record ?? Orphan(records, i)).Problems.Add($"line {i + 1} is not a “XX  - value” line.");
                continue;
            }
            var (tag, value) = (match.Groups[1].Value, match.Groups[2].Value.Trim());
            if (tag == "TY")
            {
                if (record is not null)
                    record.Problems.Add($"has no “ER  - ” line before the next record (line {i + 1}).");
                record = new ReferenceListReader.Record($"record {records.Count + 1} (line {i + 1})")
                {
                    Kind = value switch { "BOOK" or "CHAP" => CitationKind.Book, "ELEC" or "WEB" or "BLOG" => CitationKind.WebPage, _ => CitationKind.JournalArticle },
                };
                records.Add(record);
                startPage = endPage = null;
                continue;
            }
            if (record is null)
            {
                Orphan(records, i).Problems.Add($"line {i + 1} comes before the first “TY  - ” line.");
                continue;
            }
            switch (tag)
            {
                case "AU" or "A1":
                    record.Authors.Add(ReferenceAuthors.FromLastFirst(value));
                    break;
                case "TI" or "T1":
                    record.Title = value;
                    break;
                case "T2" or "JO" or "JF" or "JA" or "PB":
                    record.Source ??= value;
                    break;
                case "PY" or "Y1" or "DA":
                    record.Year ??= value;
                    break;
                case "VL":
                    record.Volume = value;
                    break;
                case "IS":
                    record.Issue = value;
                    break;
                case "SP":
                    startPage = value;
                    record.Pages = endPage is null ? startPage : $"{startPage}-{endPage}";
                    break;
                case "EP":
                    endPage = value;
                    record.Pages = startPage is null ? endPage : $"{startPage}-{endPage}";
                    break;
                case "DO":
                    record.Doi = value;
                    break;
                case "AN" when value.StartsWith("PMID:", StringComparison.OrdinalIgnoreCase):
                    record.Pmid = value[5..].Trim();
                    break;
                // PubMed's own RIS export writes the bare PubMed ID as the accession number.
                case "AN" when value.Length > 0 && value.All(char.IsAsciiDigit):
                    record.Pmid ??= value;
                    break;
                case "KW" when EvidenceTypes.FromKeyword(value) is { } evidence:
                    record.Evidence = evidence;
                    break;
                case "UR":
                    record.Url ??= value;
                    break;
                case "N1" when value.Contains(Reading.ReferenceExport.RisEtAlNote, StringComparison.Ordinal):
                    record.EtAl = true;
                    break;
                case "Y2":
                    record.AccessedOn = value;
                    break;
                case "ER":
                    record.Complete();
                    record = null;
                    break;
            }
        }
        if (record is not null)
            record.Problems.Add("has no “ER  - ” line at its end.");
        return records;
    }

    private static ReferenceListReader.Record Orphan(List<ReferenceListReader.Record> records, int line)
    {
        var orphan = new ReferenceListReader.Record($"line {line + 1}");
        records.Add(orphan);
        return orphan;
    }

    [GeneratedRegex(@"^([A-Z][A-Z0-9])  -(?: (.*))?$")]
    private static partial Regex Tag();
}

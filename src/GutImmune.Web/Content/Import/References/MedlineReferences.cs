using System.Text.RegularExpressions;

namespace GutImmune.Web.Content.Import.References;

/// <summary>
/// PubMed's MEDLINE format (.nbib): "TAG - value" lines, a value continued on lines indented by six spaces, records
/// separated by blank lines and each starting with PMID.
/// </summary>
internal static partial class MedlineReferences
{
    public static List<ReferenceListReader.Record> Read(string text)
    {
        var records = new List<ReferenceListReader.Record>();
        ReferenceListReader.Record? record = null;
        string? tag = null;
        var value = "";
        var lines = text.Split('\n');

        void Apply()
        {
            if (record is null || tag is null)
                return;
            var v = value.Trim();
            switch (tag)
            {
                case "AU" or "CN":
                    record.Authors.Add(v);
                    break;
                case "TI" or "BTI":
                    record.Title = v.TrimEnd('.');
                    break;
                case "TA":
                    record.Source = v;
                    break;
                case "PB" when record.Source is null:
                    record.Source = v;
                    break;
                case "DP":
                    // "2012 Jun 8": the year, then the month and day AMA prints after it.
                    var parts = v.Split(' ', 2);
                    record.Year = parts[0];
                    record.DateDetail = parts.Length > 1 ? parts[1] : null;
                    break;
                case "VI":
                    record.Volume = v;
                    break;
                case "IP":
                    record.Issue = v;
                    break;
                case "PG":
                    record.Pages = v;
                    break;
                case "LID" or "AID" when v.EndsWith("[doi]", StringComparison.Ordinal):
                    record.Doi ??= v[..^5].Trim();
                    break;
                case "PT" when v.Contains("Book", StringComparison.OrdinalIgnoreCase):
                    record.Kind = CitationKind.Book;
                    break;
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0)
            {
                Apply();
                tag = null;
                record?.Complete();
                record = null;
                continue;
            }
            if (line.StartsWith("      ", StringComparison.Ordinal) && tag is not null)
            {
                value += " " + line.Trim();
                continue;
            }
            var match = Tag().Match(line);
            if (!match.Success)
            {
                (record ?? Orphan(records, i)).Problems.Add($"line {i + 1} is not a “TAG - value” line.");
                continue;
            }
            Apply();
            (tag, value) = (match.Groups[1].Value, match.Groups[2].Value);
            if (tag == "PMID")
            {
                record?.Complete();
                record = new ReferenceListReader.Record($"record {records.Count + 1} (line {i + 1})") { Pmid = value.Trim() };
                records.Add(record);
                tag = null;
            }
            else if (record is null)
            {
                Orphan(records, i).Problems.Add($"line {i + 1} comes before the first “PMID- ” line.");
                tag = null;
            }
        }
        Apply();
        record?.Complete();
        return records;
    }

    private static ReferenceListReader.Record Orphan(List<ReferenceListReader.Record> records, int line)
    {
        var orphan = new ReferenceListReader.Record($"line {line + 1}");
        records.Add(orphan);
        return orphan;
    }

    [GeneratedRegex(@"^([A-Z]{2,4}) *- ?(.*)$")]
    private static partial Regex Tag();
}

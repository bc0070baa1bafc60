using System.Text;

namespace GutImmune.Web.Content.Import.References;

/// <summary>
/// BibTeX: @type{key, name = {value} or "value" or a number, ...}. Braces nest; the text escapes the reference export
/// writes (\&amp;, \textbackslash{}, ...) are read back to their characters, and case-protecting braces are dropped.
/// </summary>
internal static class BibTexReferences
{
    public static List<ReferenceListReader.Record> Read(string text)
    {
        var records = new List<ReferenceListReader.Record>();
        var macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length && (i = text.IndexOf('@', i)) >= 0)
        {
            var record = new ReferenceListReader.Record($"record {records.Count + 1} (line {LineAt(text, i)})");
            var type = new StringBuilder();
            for (i++; i < text.Length && char.IsAsciiLetter(text[i]); i++)
                type.Append(char.ToLowerInvariant(text[i]));
            if (type.ToString() == "string")
            {
                // @string{fi = "Frontiers in Immunology"}: later entries write journal = fi.
                var start = text.IndexOf('{', i);
                i = start < 0 ? text.Length : ReadFields(text, start + 1, macros, new ReferenceListReader.Record(record.Where), macros);
                continue;
            }
            if (type.ToString() is "comment" or "preamble")
            {
                i = SkipBraced(text, i);
                continue;
            }
            records.Add(record);
            var open = text.IndexOf('{', i);
            var comma = open < 0 ? -1 : text.IndexOf(',', open);
            if (open < 0 || comma < 0)
            {
                record.Problems.Add("is not an entry like @article{key, title = {...}}.");
                break;
            }
            record.Kind = type.ToString() switch { "book" or "inbook" => CitationKind.Book, "misc" or "online" or "electronic" or "webpage" => CitationKind.WebPage, _ => CitationKind.JournalArticle };
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            i = ReadFields(text, comma + 1, fields, record, macros);
            Map(fields, record);
            record.Complete();
        }
        return records;
    }

    /// <returns>The position after the entry's closing brace.</returns>
    private static int ReadFields(string text, int i, Dictionary<string, string> fields, ReferenceListReader.Record record,
        IReadOnlyDictionary<string, string> macros)
    {
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ','))
                i++;
            if (i >= text.Length)
            {
                record.Problems.Add("ends before its closing brace.");
                return i;
            }
            if (text[i] == '}')
                return i + 1;
            var nameStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_'))
                i++;
            var name = text[nameStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                record.Problems.Add($"line {LineAt(text, i)}: expected a field like title = {{...}}.");
                return SkipToEntryEnd(text, i);
            }
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            string? value;
            if (i < text.Length && text[i] == '{')
            {
                var end = SkipBraced(text, i);
                value = end > text.Length ? null : text[(i + 1)..(end - 1)];
                i = end;
            }
            else if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                value = end < 0 ? null : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                    i++;
                // A bare word is a macro's name (@string, or a month), a bare number itself.
                value = macros.TryGetValue(text[start..i], out var expanded) ? expanded : text[start..i];
            }
            if (value is null)
            {
                record.Problems.Add($"the field {name} is never closed.");
                return text.Length;
            }
            if (!fields.TryAdd(name, value))
                record.Problems.Add($"has the field {name} twice.");
        }
    }

    private static void Map(Dictionary<string, string> fields, ReferenceListReader.Record record)
    {
        string? Field(string name) => fields.TryGetValue(name, out var value) ? Plain(value) : null;
        string? Address(string name) => fields.TryGetValue(name, out var value) ? Uri.UnescapeDataString(value.Replace(@"\%", "%").Replace(@"\#", "#")).Trim() : null;

        if (fields.TryGetValue("author", out var authors))
            foreach (var name in SplitNames(authors))
            {
                if (name == "others")
                    record.EtAl = true;
                else
                    record.Authors.Add(name.StartsWith('{') && name.EndsWith('}') ? Plain(name[1..^1]) : ReferenceAuthors.FromLastFirst(WithoutSuffix(Plain(name))));
            }
        record.Title = Field("title");
        record.Source = record.Kind switch
        {
            CitationKind.Book => Field("publisher"),
            CitationKind.WebPage => Field("howpublished") ?? Field("organization"),
            _ => Field("journal") ?? Field("journaltitle") ?? Field("booktitle"),
        };
        if (Field("keywords") is { } keywords)
            record.Evidence = keywords.Split([',', ';']).Select(EvidenceTypes.FromKeyword).FirstOrDefault(e => e is not null) ?? EvidenceType.NotClassified;
        record.Year = Field("year");
        record.Volume = Field("volume");
        record.Issue = Field("number") ?? Field("issue");
        record.Pages = Field("pages")?.Replace("--", "-");
        record.Doi = Address("doi");
        record.Pmid = Field("pmid");
        record.Url = Address("url");
        record.AccessedOn = Field("urldate");
    }

    /// <summary>The names of an author field, split on " and " outside braces.</summary>
    private static IEnumerable<string> SplitNames(string authors)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < authors.Length; i++)
        {
            depth += authors[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0 && string.CompareOrdinal(authors, i, " and ", 0, 5) == 0)
            {
                yield return authors[start..i].Trim();
                start = i + 5;
            }
        }
        yield return authors[start..].Trim();
    }

    /// <summary>"Smith, Jr., John" (BibTeX's last, suffix, first) as "Smith, John": the suffix is not part of an AMA name.</summary>
    private static string WithoutSuffix(string name) => name.Split(',') is { Length: 3 } parts ? $"{parts[0]},{parts[2]}" : name;

    /// <summary>
    /// Field text as it reads: the escapes of the reference export undone, LaTeX's accents and letters (\"u, \'e, \c{c},
    /// \ss, \o, \aa ...) and \url{...} decoded, grouping braces dropped, blanks collapsed.
    /// </summary>
    private static string Plain(string value)
    {
        var escaped = new StringBuilder(value)
            .Replace(@"\textbackslash{}", "\u0001").Replace(@"\textbraceleft{}", "\u0002").Replace(@"\textbraceright{}", "\u0003")
            .Replace(@"\textasciitilde{}", "~").Replace(@"\textasciicircum{}", "^")
            .Replace(@"\&", "&").Replace(@"\%", "%").Replace(@"\$", "$").Replace(@"\#", "#").Replace(@"\_", "_")
            .ToString();
        var text = new StringBuilder(LatexText.Decode(escaped))
            .Replace("{", "").Replace("}", "")
            .Replace('\u0001', '\\').Replace('\u0002', '{').Replace('\u0003', '}');
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <returns>The position after the brace that closes the one at <paramref name="i"/> (or past the end when it is never closed).</returns>
    private static int SkipBraced(string text, int i)
    {
        i = text.IndexOf('{', i);
        if (i < 0)
            return text.Length;
        var depth = 0;
        for (; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
                return i + 1;
        }
        return text.Length + 1;
    }

    private static int SkipToEntryEnd(string text, int i)
    {
        var next = text.IndexOf("\n@", i, StringComparison.Ordinal);
        return next < 0 ? text.Length : next + 1;
    }

    private static int LineAt(string text, int i) => text.AsSpan(0, Math.Min(i, text.Length)).Count('\n') + 1;
}

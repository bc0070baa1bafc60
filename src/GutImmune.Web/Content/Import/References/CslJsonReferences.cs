using System.Text.Json;

namespace GutImmune.Web.Content.Import.References;

/// <summary>CSL-JSON (Zotero, Mendeley, citation.js): a list of items, or one item, with CSL's variable names.</summary>
internal static class CslJsonReferences
{
    public static List<ReferenceListReader.Record> Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            var broken = new ReferenceListReader.Record($"line {(e.LineNumber ?? 0) + 1}");
            broken.Problems.Add("the JSON syntax is broken here.");
            return [broken];
        }
        using (document)
        {
            var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            return items.Select((item, i) => ReadItem(item, new ReferenceListReader.Record($"record {i + 1}"))).ToList();
        }
    }

    private static ReferenceListReader.Record ReadItem(JsonElement item, ReferenceListReader.Record record)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            record.Problems.Add("is not an object ({ ... }).");
            return record;
        }
        record.Kind = Text(item, "type") switch
        {
            "book" => CitationKind.Book,
            "webpage" or "post-weblog" or "post" => CitationKind.WebPage,
            _ => CitationKind.JournalArticle,
        };
        if (item.TryGetProperty("author", out var authors) && authors.ValueKind == JsonValueKind.Array)
            foreach (var author in authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
            {
                if (Text(author, "literal") is { } literal)
                    record.Authors.Add(literal);
                else if (Text(author, "family") is { } family)
                    record.Authors.Add(ReferenceAuthors.FromLastFirst($"{family}, {Text(author, "given")}"));
            }
        record.Title = Text(item, "title");
        record.Source = record.Kind == CitationKind.Book
            ? Text(item, "publisher")
            : Text(item, "container-title-short") ?? Text(item, "journalAbbreviation") ?? Text(item, "container-title");
        record.Year = DatePart(item, "issued", 0) ?? RawDate(item, "issued");
        record.Volume = Text(item, "volume");
        record.Issue = Text(item, "issue");
        record.Pages = Text(item, "page");
        record.Doi = Text(item, "DOI");
        record.Pmid = Text(item, "PMID");
        record.Url = Text(item, "URL");
        if (DatePart(item, "accessed", 0) is { } year)
            record.AccessedOn = $"{year}-{DatePart(item, "accessed", 1) ?? "1"}-{DatePart(item, "accessed", 2) ?? "1"}";
        return record.Complete();
    }

    /// <summary>A variable as text: CSL-JSON writes some (volume, issue, PMID) as numbers or text alike.</summary>
    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>A CSL date written as text: {"raw": "2020-05-01"} (the year is found in it as in every format).</summary>
    private static string? RawDate(JsonElement item, string name) =>
        item.TryGetProperty(name, out var date) && date.ValueKind == JsonValueKind.Object ? Text(date, "raw") ?? Text(date, "literal") : null;

    /// <summary>One part of a CSL date: {"date-parts": [[2018, 6, 8]]}.</summary>
    private static string? DatePart(JsonElement item, string name, int index) =>
        item.TryGetProperty(name, out var date) && date.ValueKind == JsonValueKind.Object
            && date.TryGetProperty("date-parts", out var parts) && parts.ValueKind == JsonValueKind.Array && parts.GetArrayLength() > 0
            && parts[0].ValueKind == JsonValueKind.Array && parts[0].GetArrayLength() > index
            ? parts[0][index].ValueKind switch { JsonValueKind.Number => parts[0][index].GetRawText(), JsonValueKind.String => parts[0][index].GetString(), _ => null }
            : null;
}

using GutImmune.Web.Content;

namespace GutImmune.Web.Editing;

/// <summary>
/// An article as the separate fields editors change, keyed by what they belong to (ids, so a key names the same field
/// in every version of the article) and labelled as editors know them. Merging two editors' saves compares these.
/// </summary>
internal static class ArticleFields
{
    /// <summary>
    /// One field's value, how it reads to an editor, and how to write it back into another version of the article
    /// (false when that version no longer has it). <see cref="Set"/> is null for the make-up of a list (which items, in
    /// which order): a merge never writes that back.
    /// </summary>
    public sealed record Field(string Label, object? Value, string Display, Func<Article, object?, bool>? Set);

    public static Dictionary<string, Field> Of(Article article)
    {
        var fields = new Dictionary<string, Field>();
        void Add<T>(string key, string label, T value, Func<Article, T, bool> set) =>
            fields[key] = new Field(label, value, Show(value), (a, v) => set(a, (T)v!));
        Add("title", "Title", article.Title, (a, v) => Done(() => a.Title = v));
        Add("slug", "Slug (the address)", article.Slug, (a, v) => Done(() => a.Slug = v));
        Add("summary", "Summary", article.Summary, (a, v) => Done(() => a.Summary = v));
        Add("author.name", "Author name", article.AuthorName, (a, v) => Done(() => a.AuthorName = v));
        Add("author.credentials", "Author credentials", article.AuthorCredentials, (a, v) => Done(() => a.AuthorCredentials = v));
        Add("heroImage.url", "Image address", article.HeroImageUrl, (a, v) => Done(() => a.HeroImageUrl = v));
        Add("heroImage.alt", "Image description (alt text)", article.HeroImageAlt, (a, v) => Done(() => a.HeroImageAlt = v));
        Add("heroImage.caption", "Image caption", article.HeroImageCaption, (a, v) => Done(() => a.HeroImageCaption = v));
        Add("heroImage.mediaId", "Hero image (media library)", article.HeroMediaId, (a, v) => Done(() => a.HeroMediaId = v));
        Add("status", "Status", article.Status, (a, v) => Done(() => a.Status = v));
        Add("publishedAt", "Publication date", article.PublishedAt, (a, v) => Done(() => a.PublishedAt = v));
        Add("lastReviewedOn", "Last reviewed", article.LastReviewedOn, (a, v) => Done(() => a.LastReviewedOn = v));
        Add("reviewedBy", "Reviewed by", article.ReviewedBy, (a, v) => Done(() => a.ReviewedBy = v));
        Add("nextReviewDue", "Next review due", article.NextReviewDue, (a, v) => Done(() => a.NextReviewDue = v));
        Add("disclaimer", "Disclaimer", article.Disclaimer, (a, v) => Done(() => a.Disclaimer = v));
        Add("noCitationNeeded", "Claims marked “no citation needed”", System.Text.Json.JsonSerializer.Serialize(article.NoCitationNeeded),
            (a, v) => Done(() => a.NoCitationNeeded = System.Text.Json.JsonSerializer.Deserialize<List<NoCitationNeeded>>(v) ?? []));
        Add("topics", "Topics", string.Join(", ", article.Topics.Select(t => t.Name).Order()), (a, v) => Done(() =>
            a.Topics = v.Split(", ", StringSplitOptions.RemoveEmptyEntries)
                .Select(name => a.Topics.Find(t => t.Name == name) ?? new Topic { Name = name, Slug = Slug.From(name) }).ToList()));

        fields["sections"] = Shape("Sections (which, and in what order)", article.Sections.Select(s => (s.Id, s.Heading)));
        foreach (var section in article.Sections.Where(s => s.Id != 0))
            AddSection(fields, section);

        fields["references"] = Shape("References (which, and their numbers)",
            article.Citations.OrderBy(c => c.Number).Select(c => (c.Id, $"{c.Number}. {c.Authors} {c.Title}")));
        foreach (var citation in article.Citations.Where(c => c.Id != 0))
            AddCitation(fields, citation);
        return fields;
    }

    private static void AddSection(Dictionary<string, Field> fields, Section section)
    {
        var id = section.Id;
        var label = $"Section ‘{section.Heading}’";
        void Add<T>(string name, string what, T value, Action<Section, T> set) =>
            fields[$"section{id}.{name}"] = new Field($"{label} — {what}", value, Show(value),
                (a, v) => a.FindSection(id) is { } s && Done(() => set(s, (T)v!)));

        Add("heading", "heading", section.Heading, (s, v) => s.Heading = v);
        Add("slug", "slug", section.Slug, (s, v) => s.Slug = v);
        Add("kind", "kind", section.Kind, (s, v) => s.Kind = v);
        Add("body", "text", section.Body, (s, v) => s.Body = v);

        fields[$"section{id}.facts"] = Shape($"{label} — facts (which, and in what order)", section.Facts.Select(f => (f.Id, f.Text)));
        for (var i = 0; i < section.Facts.Count; i++)
        {
            var factId = section.Facts[i].Id;
            if (factId != 0)
                fields[$"fact{factId}"] = new Field($"{label} — fact {i + 1}", section.Facts[i].Text, section.Facts[i].Text,
                    (a, v) => a.Sections.SelectMany(s => s.Facts).FirstOrDefault(f => f.Id == factId) is { } fact && Done(() => fact.Text = (string)v!));
        }

        fields[$"section{id}.causes"] = Shape($"{label} — causes (which, and in what order)", section.Causes.Select(c => (c.Id, c.Title)));
        for (var i = 0; i < section.Causes.Count; i++)
        {
            var cause = section.Causes[i];
            if (cause.Id == 0)
                continue;
            var causeId = cause.Id;
            Cause? Find(Article a) => a.Sections.SelectMany(s => s.Causes).FirstOrDefault(c => c.Id == causeId);
            fields[$"cause{causeId}.title"] = new Field($"{label} — cause {i + 1}, title", cause.Title, cause.Title,
                (a, v) => Find(a) is { } c && Done(() => c.Title = (string)v!));
            fields[$"cause{causeId}.description"] = new Field($"{label} — cause {i + 1} (‘{cause.Title}’), description", cause.Description, cause.Description,
                (a, v) => Find(a) is { } c && Done(() => c.Description = (string)v!));
        }
    }

    private static void AddCitation(Dictionary<string, Field> fields, Citation citation)
    {
        var id = citation.Id;
        void Add<T>(string name, string what, T value, Action<Citation, T> set) =>
            fields[$"reference{id}.{name}"] = new Field($"Reference {citation.Number} — {what}", value, Show(value),
                (a, v) => a.Citations.Find(c => c.Id == id) is { } c && Done(() => set(c, (T)v!)));

        Add("kind", "kind", citation.Kind, (c, v) => c.Kind = v);
        Add("evidence", "evidence type", citation.Evidence, (c, v) => c.Evidence = v);
        Add("authors", "authors", citation.Authors, (c, v) => c.Authors = v);
        Add("title", "title", citation.Title, (c, v) => c.Title = v);
        Add("source", "source", citation.Source, (c, v) => c.Source = v);
        Add("year", "year", citation.Year, (c, v) => c.Year = v);
        Add("dateDetail", "month and day", citation.DateDetail, (c, v) => c.DateDetail = v);
        Add("volume", "volume", citation.Volume, (c, v) => c.Volume = v);
        Add("issue", "issue", citation.Issue, (c, v) => c.Issue = v);
        Add("pages", "pages", citation.Pages, (c, v) => c.Pages = v);
        Add("doi", "DOI", citation.Doi, (c, v) => c.Doi = v);
        Add("pmid", "PubMed ID", citation.Pmid, (c, v) => c.Pmid = v);
        Add("url", "web address", citation.Url, (c, v) => c.Url = v);
        Add("accessedOn", "date accessed", citation.AccessedOn, (c, v) => c.AccessedOn = v);
    }

    /// <summary>Which items a list holds and in what order; items not yet saved have no id and count as new.</summary>
    private static Field Shape(string label, IEnumerable<(int Id, string Text)> items)
    {
        var list = items.ToList();
        return new Field(label, string.Join(",", list.Select(i => i.Id == 0 ? "new" : i.Id.ToString())),
            list.Count == 0 ? "(none)" : string.Join("\n", list.Select((item, n) => $"{n + 1}. {Shorten(item.Text)}")), Set: null);
    }

    private static bool Done(Action action)
    {
        action();
        return true;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";

    private static string Show(object? value) => value switch
    {
        null => "(empty)",
        string { Length: 0 } => "(empty)",
        DateTime at => $"{at:yyyy-MM-dd HH:mm} UTC",
        DateOnly day => $"{day:yyyy-MM-dd}",
        SectionKind kind => SectionKinds.Name(kind),
        EvidenceType evidence => EvidenceTypes.Name(evidence),
        ArticleStatus status => Publishing.EditorialWorkflow.Label(status),
        CitationKind.JournalArticle => "Journal article",
        CitationKind.WebPage => "Web page",
        _ => value.ToString() ?? "",
    };
}

using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Web.Content;

/// <summary>The rules that keep an article valid, whichever way it arrives (import or editing).</summary>
public static class ArticleValidator
{
    public static IReadOnlyList<ContentProblem> Validate(Article article)
    {
        var problems = new List<ContentProblem>();
        void Require(string? value, string field, int maxLength)
        {
            if (string.IsNullOrWhiteSpace(value))
                problems.Add(new(field, "is required."));
            else if (value.Length > maxLength)
                problems.Add(new(field, $"is {value.Length} characters long; the limit is {maxLength}."));
        }
        void Limit(string? value, string field, int maxLength)
        {
            if (value is not null && value.Length > maxLength)
                problems.Add(new(field, $"is {value.Length} characters long; the limit is {maxLength}."));
        }

        Require(article.Slug, "slug", ContentLimits.Slug);
        if (!string.IsNullOrWhiteSpace(article.Slug) && !Slug.IsValid(article.Slug))
            problems.Add(new("slug", $"\"{article.Slug}\" is not a valid slug. {Slug.FormatMessage}"));
        Require(article.Title, "title", ContentLimits.Title);
        Require(article.Summary, "summary", ContentLimits.Summary);
        Require(article.AuthorName, "author.name", ContentLimits.Name);
        Limit(article.AuthorCredentials, "author.credentials", ContentLimits.Name);
        Limit(article.HeroImageAlt, "heroImage.alt", ContentLimits.ShortText);
        Limit(article.HeroImageCaption, "heroImage.caption", ContentLimits.ShortText);
        Limit(article.Disclaimer, "disclaimer", ContentLimits.Markdown);
        if (article.HeroImageUrl is not null)
        {
            Limit(article.HeroImageUrl, "heroImage.url", ContentLimits.Url);
            // As on the form: an imported file must not slip a javascript: or data: address into the image's src.
            if (!IsWebAddress(article.HeroImageUrl))
                problems.Add(new("heroImage.url", "must be an absolute http or https address."));
            if (string.IsNullOrWhiteSpace(article.HeroImageAlt))
                problems.Add(new("heroImage.alt", "is required when there is an image, so that every reader gets its meaning."));
        }
        if (article.LastReviewedOn is { } reviewed && article.NextReviewDue is { } due && due <= reviewed)
            problems.Add(new("nextReviewDue", "must be after the last review date."));

        for (var i = 0; i < article.Topics.Count; i++)
        {
            Require(article.Topics[i].Name, $"topics[{i}]", ContentLimits.Name);
            if (!string.IsNullOrWhiteSpace(article.Topics[i].Name) && article.Topics[i].Slug.Length == 0)
                problems.Add(new($"topics[{i}]", "needs at least one letter or digit."));
        }
        ValidateSections(article, problems, Require, Limit);
        ValidateCitations(article, problems, Require, Limit);
        ValidateMarkdown(article, problems);
        return problems;
    }

    private static void ValidateSections(Article article, List<ContentProblem> problems,
        Action<string?, string, int> require, Action<string?, string, int> limit)
    {
        if (article.Sections.Count == 0 && article.Status == ArticleStatus.Published)
            problems.Add(new("sections", "a published article needs at least one section."));
        var slugs = new HashSet<string>();
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            var field = $"sections[{i}]";
            require(section.Heading, $"{field}.heading", ContentLimits.Title);
            require(section.Slug, $"{field}.slug", ContentLimits.Slug);
            if (!string.IsNullOrWhiteSpace(section.Slug) && !Slug.IsValid(section.Slug))
                problems.Add(new($"{field}.slug", $"\"{section.Slug}\" is not a valid slug. {Slug.FormatMessage}"));
            else if (!string.IsNullOrWhiteSpace(section.Slug) && !slugs.Add(section.Slug))
                problems.Add(new($"{field}.slug", $"\"{section.Slug}\" is already used by another section of this article."));
            limit(section.Body, $"{field}.body", ContentLimits.Markdown);

            if (section.Kind != SectionKind.FactList && section.Facts.Count > 0)
                problems.Add(new($"{field}.facts", $"only a fact-list section has facts; this one is a {section.Kind} section."));
            if (section.Kind != SectionKind.CauseList && section.Causes.Count > 0)
                problems.Add(new($"{field}.causes", $"only a cause-list section has causes; this one is a {section.Kind} section."));
            if (section.Kind is SectionKind.Prose or SectionKind.Summary && string.IsNullOrWhiteSpace(section.Body))
                problems.Add(new($"{field}.body", "is required for a prose or summary section."));

            for (var f = 0; f < section.Facts.Count; f++)
                require(section.Facts[f].Text, $"{field}.facts[{f}]", ContentLimits.Markdown);
            for (var c = 0; c < section.Causes.Count; c++)
            {
                require(section.Causes[c].Title, $"{field}.causes[{c}].title", ContentLimits.Title);
                require(section.Causes[c].Description, $"{field}.causes[{c}].description", ContentLimits.Markdown);
            }
        }
    }

    private static void ValidateCitations(Article article, List<ContentProblem> problems,
        Action<string?, string, int> require, Action<string?, string, int> limit)
    {
        var numbers = new HashSet<int>();
        for (var i = 0; i < article.Citations.Count; i++)
        {
            var citation = article.Citations[i];
            var field = $"citations[{i}]";
            if (citation.Number is < 1 or > CitationInlineParser.MaxNumber)
                problems.Add(new($"{field}.number", $"must be between 1 and {CitationInlineParser.MaxNumber}."));
            else if (!numbers.Add(citation.Number))
                problems.Add(new($"{field}.number", $"reference {citation.Number} is numbered twice."));
            require(citation.Authors, $"{field}.authors", ContentLimits.CitationField);
            require(citation.Title, $"{field}.title", ContentLimits.CitationField);
            limit(citation.Source, $"{field}.source", ContentLimits.CitationField);
            if (citation.Year is < 1000 or > 2999)
                problems.Add(new($"{field}.year", "must be a four-digit year."));
            if (citation.Pmid is not null && !citation.Pmid.All(char.IsAsciiDigit))
                problems.Add(new($"{field}.pmid", "a PubMed ID is digits only."));
            if (citation.Doi is not null && !citation.Doi.StartsWith("10.", StringComparison.Ordinal))
                problems.Add(new($"{field}.doi", "a DOI starts with \"10.\" (write it without \"https://doi.org/\")."));
            if (citation.Url is not null && !IsWebAddress(citation.Url))
                problems.Add(new($"{field}.url", "must be an absolute http or https address."));
        }
    }

    /// <summary>Every Markdown text renders within its cost, and cites only references the article has.</summary>
    private static void ValidateMarkdown(Article article, List<ContentProblem> problems)
    {
        var scope = new CitationScope(article.Citations.Select(c => c.Number));
        // A text over the length limit already has its problem, and parsing it would cost what the limit prevents.
        foreach (var field in article.MarkdownFields().Where(f => !string.IsNullOrEmpty(f.Text) && f.Text.Length <= ContentLimits.Markdown))
        {
            if (ContentMarkdown.ToHtmlWithinCost(field.Text, scope, field.Path).Problem is { } costly)
                problems.Add(new(field.Path, costly));
        }

        foreach (var unknown in scope.Unknown)
            problems.Add(new(unknown.Place,
                $"the citation {unknown.Marker} refers to reference {unknown.Number}, which this article does not have{DescribeKnown(article)}."));
    }

    private static string DescribeKnown(Article article) => article.Citations.Count == 0
        ? " (it has no references yet)"
        : $" (it has {string.Join(", ", article.Citations.Select(c => c.Number).Distinct().Order())})";

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;

namespace GutImmune.Web.Content;

/// <summary>The rules that keep an article valid, whichever way it arrives (import or editing).</summary>
public static class ArticleValidator
{
    /// <param name="currentYear">
    /// Given when content is written (the site's clock), so a reference dated after it is refused; stored snapshots are
    /// read without it, so a page saved before the rule keeps rendering.
    /// </param>
    /// <param name="citationNumbersKnown">
    /// False when a reference's number could not be read (a file's wrong value, already reported on its field): which
    /// citation markers lack their reference cannot be told then.
    /// </param>
    public static IReadOnlyList<ContentProblem> Validate(Article article, int? currentYear = null, bool citationNumbersKnown = true)
    {
        // Too many parts is the one problem worth telling first: checking each of them would only bury it.
        if (CountProblems(article) is { Count: > 0 } tooMany)
            return tooMany;
        var problems = new List<ContentProblem>();
        void Require(string? value, ContentPlace field, int maxLength)
        {
            if (string.IsNullOrWhiteSpace(value))
                problems.Add(new(field, "is required."));
            // Zero-width spaces, joiners, direction marks and controls alone would save a title, name or heading no one sees.
            else if (!TextCharacters.HasVisible(value))
                problems.Add(new(field, VisibleTextAttribute.MustShow));
            else if (value.Length > maxLength)
                problems.Add(new(field, $"is {value.Length:N0} characters long; the limit is {maxLength:N0}."));
        }
        void Limit(string? value, ContentPlace field, int maxLength)
        {
            if (value is not null && value.Length > maxLength)
                problems.Add(new(field, $"is {value.Length:N0} characters long; the limit is {maxLength:N0}."));
        }

        static ContentPlace Own(ArticlePart field) => new ContentPlace.ArticleField(field);
        Require(article.Slug, Own(ArticlePart.Slug), ContentLimits.Slug);
        if (!string.IsNullOrWhiteSpace(article.Slug) && !Slug.IsValid(article.Slug))
            problems.Add(new(Own(ArticlePart.Slug), $"\"{article.Slug}\" is not a valid slug. {Slug.FormatMessage}"));
        Require(article.Title, Own(ArticlePart.Title), ContentLimits.Title);
        Require(article.Summary, Own(ArticlePart.Summary), ContentLimits.Summary);
        Require(article.AuthorName, Own(ArticlePart.AuthorName), ContentLimits.Name);
        Limit(article.AuthorCredentials, Own(ArticlePart.AuthorCredentials), ContentLimits.Name);
        Limit(article.HeroImageAlt, Own(ArticlePart.HeroImageAlt), ContentLimits.ShortText);
        Limit(article.HeroImageCaption, Own(ArticlePart.HeroImageCaption), ContentLimits.ShortText);
        Limit(article.Disclaimer, Own(ArticlePart.Disclaimer), ContentLimits.Markdown);
        if (article.HeroImageUrl is not null)
        {
            Limit(article.HeroImageUrl, Own(ArticlePart.HeroImageUrl), ContentLimits.Url);
            // As on the form: an imported file must not slip a javascript: or data: address into the image's src.
            // The site's Content-Security-Policy lets pages load images over https only: an http one would show broken.
            if (!Uri.TryCreate(article.HeroImageUrl, UriKind.Absolute, out var hero) || hero.Scheme != Uri.UriSchemeHttps)
                problems.Add(new(Own(ArticlePart.HeroImageUrl), "must be an absolute https address (browsers do not load http images on this site)."));
            // An alt text of zero-width or direction characters only is none: screen readers announce nothing.
            if (!TextCharacters.HasVisible(article.HeroImageAlt))
                problems.Add(new(Own(ArticlePart.HeroImageAlt), "is required when there is an image, so that every reader gets its meaning."));
        }
        problems.AddRange(ReviewSchedule.Problems(article.LastReviewedOn, article.NextReviewDue));

        for (var i = 0; i < article.Topics.Count; i++)
        {
            Require(article.Topics[i].Name, new ContentPlace.Topic(i), ContentLimits.Name);
            if (!string.IsNullOrWhiteSpace(article.Topics[i].Name) && article.Topics[i].Slug.Length == 0)
                problems.Add(new(new ContentPlace.Topic(i), "needs at least one letter or digit."));
        }
        for (var i = 0; i < article.NoCitationNeeded.Count; i++)
        {
            Require(article.NoCitationNeeded[i].Claim, new ContentPlace.NoCitationNeededMark(i, NoCitationNeededPart.Claim), ContentLimits.Markdown);
            Require(article.NoCitationNeeded[i].Reason, new ContentPlace.NoCitationNeededMark(i, NoCitationNeededPart.Reason), ContentLimits.ShortText);
        }
        ValidateSections(article, problems, Require, Limit);
        ValidateCitations(article, currentYear, problems, Require, Limit);
        ValidateMarkdown(article, citationNumbersKnown, problems);
        return problems;
    }

    private static List<ContentProblem> CountProblems(Article article)
    {
        var problems = new List<ContentProblem>();
        void Count(int count, int limit, string parts)
        {
            if (count > limit)
                problems.Add(new($"The article has {count:N0} {parts}; the limit is {limit:N0}."));
        }
        Count(article.Topics.Count, ContentLimits.Topics, "topics");
        Count(article.Sections.Count, ContentLimits.Sections, "sections");
        Count(article.Citations.Count, ContentLimits.Citations, "references");
        foreach (var section in article.Sections)
            Count(Math.Max(section.Facts.Count, section.Causes.Count), ContentLimits.ItemsPerSection, $"items in the section “{section.Heading}”");
        return problems;
    }

    private static void ValidateSections(Article article, List<ContentProblem> problems,
        Action<string?, ContentPlace, int> require, Action<string?, ContentPlace, int> limit)
    {
        if (article.Sections.Count == 0 && article.Status == ArticleStatus.Published)
            problems.Add(new(new ContentPlace.ArticleField(ArticlePart.Sections), "a published article needs at least one section."));
        var slugs = new HashSet<string>();
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            ContentPlace Field(SectionPart part) => new ContentPlace.Section(i, part);
            require(section.Heading, Field(SectionPart.Heading), ContentLimits.Title);
            require(section.Slug, Field(SectionPart.Slug), ContentLimits.Slug);
            if (!string.IsNullOrWhiteSpace(section.Slug) && !Slug.IsValid(section.Slug))
                problems.Add(new(Field(SectionPart.Slug), $"\"{section.Slug}\" is not a valid slug. {Slug.FormatMessage}"));
            else if (!string.IsNullOrWhiteSpace(section.Slug) && !slugs.Add(section.Slug))
                problems.Add(new(Field(SectionPart.Slug), $"\"{section.Slug}\" is already used by another section of this article."));
            limit(section.Body, Field(SectionPart.Body), ContentLimits.Markdown);

            if (section.Kind != SectionKind.FactList && section.Facts.Count > 0)
                problems.Add(new(Field(SectionPart.Facts), $"only a fact-list section has facts; this one is a {section.Kind} section."));
            if (section.Kind != SectionKind.CauseList && section.Causes.Count > 0)
                problems.Add(new(Field(SectionPart.Causes), $"only a cause-list section has causes; this one is a {section.Kind} section."));
            if (section.Kind is SectionKind.Prose or SectionKind.Summary && string.IsNullOrWhiteSpace(section.Body))
                problems.Add(new(Field(SectionPart.Body), "is required for a prose or summary section."));

            for (var f = 0; f < section.Facts.Count; f++)
                require(section.Facts[f].Text, new ContentPlace.Fact(i, f), ContentLimits.Markdown);
            for (var c = 0; c < section.Causes.Count; c++)
            {
                require(section.Causes[c].Title, new ContentPlace.Cause(i, c, CausePart.Title), ContentLimits.Title);
                require(section.Causes[c].Description, new ContentPlace.Cause(i, c, CausePart.Description), ContentLimits.Markdown);
            }
        }
    }

    /// <summary>
    /// A reference's year after next year is a typing error, not a work (next year's is a paper published ahead of its
    /// issue). The one rule of the reference form, the writing page, the citation picker and the reference import.
    /// </summary>
    public static string? FutureYearProblem(int? year, int currentYear) =>
        year > currentYear + 1 ? $"the year {year} is in the future." : null;

    private static void ValidateCitations(Article article, int? currentYear, List<ContentProblem> problems,
        Action<string?, ContentPlace, int> require, Action<string?, ContentPlace, int> limit)
    {
        var numbers = new HashSet<int>();
        for (var i = 0; i < article.Citations.Count; i++)
        {
            var citation = article.Citations[i];
            ContentPlace Field(CitationPart part) => new ContentPlace.Citation(i, part);
            if (citation.Number is < 1 or > CitationInlineParser.MaxNumber)
                problems.Add(new(Field(CitationPart.Number), $"must be between 1 and {CitationInlineParser.MaxNumber}."));
            else if (!numbers.Add(citation.Number))
                problems.Add(new(Field(CitationPart.Number), $"reference {citation.Number} is numbered twice."));
            ValidateAuthors(citation.Authors, Field(CitationPart.Authors), problems);
            require(citation.Title, Field(CitationPart.Title), ContentLimits.CitationField);
            limit(citation.Source, Field(CitationPart.Source), ContentLimits.CitationField);
            if (citation.Year is < 1000 or > 2999)
                problems.Add(new(Field(CitationPart.Year), "must be a four-digit year."));
            else if (currentYear is { } year && FutureYearProblem(citation.Year, year) is { } future)
                problems.Add(new(Field(CitationPart.Year), future));
            if (citation.Pmid is not null && !citation.Pmid.All(char.IsAsciiDigit))
                problems.Add(new(Field(CitationPart.Pmid), "a PubMed ID is digits only."));
            if (citation.Doi is not null && !citation.Doi.StartsWith("10.", StringComparison.Ordinal))
                problems.Add(new(Field(CitationPart.Doi), "a DOI starts with \"10.\" (write it without \"https://doi.org/\")."));
            if (citation.Url is not null && !IsWebAddress(citation.Url))
                problems.Add(new(Field(CitationPart.Url), "must be an absolute http or https address."));
            else if (citation.Url is not null && IsOnReservedInvalidDomain(citation.Url))
                problems.Add(new(Field(CitationPart.Url), "is on the reserved domain .invalid, which no address ever reaches (RFC 6761)."));
        }
    }

    private static void ValidateAuthors(ReferenceAuthors authors, ContentPlace place, List<ContentProblem> problems)
    {
        if (authors.Names.Count == 0)
            problems.Add(new(place, "name at least one author (e.g. \"Vighi G\"); for more than you list, tick \"et al.\"."));
        // A line of only zero-width or direction characters would print a reference with no author anyone can see.
        else if (!authors.Names.All(TextCharacters.HasVisible))
            problems.Add(new(place, "each name " + VisibleTextAttribute.MustShow));
        else if (authors.Names.Count > ReferenceAuthors.MaxNames)
            problems.Add(new(place, $"at most {ReferenceAuthors.MaxNames} names; list the first ones and tick \"et al.\"."));
        else if (authors.Names.FirstOrDefault(n => n.Length > ReferenceAuthors.MaxNameLength) is { } tooLong)
            problems.Add(new(place, $"a name is at most {ReferenceAuthors.MaxNameLength} characters (\"{tooLong[..40]}…\" is {tooLong.Length})."));
        else if (authors.Names.FirstOrDefault(ReferenceAuthors.IsEtAl) is not null)
            problems.Add(new(place, "write \"et al.\" as the tick box, not as a name."));
    }

    /// <summary>Every Markdown text renders within its cost, and cites only references the article has.</summary>
    private static void ValidateMarkdown(Article article, bool citationNumbersKnown, List<ContentProblem> problems)
    {
        var numbers = article.Citations.Select(c => c.Number).ToList();
        // A text over the length limit already has its problem, and parsing it would cost what the limit prevents.
        foreach (var field in article.MarkdownFields().Where(f => !string.IsNullOrEmpty(f.Text) && f.Text.Length <= ContentLimits.Markdown))
        {
            var scope = new CitationScope(numbers);
            if (ContentMarkdown.ToHtmlWithinCost(field.Text, scope, field.Label).Problem is { } costly)
                problems.Add(new(field.Place, costly));
            if (!citationNumbersKnown)
                continue;
            foreach (var unknown in scope.Unknown)
                problems.Add(new(field.Place,
                    $"the citation {unknown.Marker} refers to reference {unknown.Number}, which this article does not have{DescribeKnown(article)}."));
        }
    }

    private static string DescribeKnown(Article article) => article.Citations.Count == 0
        ? " (it has no references yet)"
        : $" (it has {string.Join(", ", article.Citations.Select(c => c.Number).Distinct().Order())})";

    private static bool IsOnReservedInvalidDomain(string url) =>
        new Uri(url).IdnHost.TrimEnd('.').EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

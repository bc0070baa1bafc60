namespace GutImmune.Web.Content;

/// <summary>
/// Which part of an article something is about: the article's own field, a section's field, a fact or a cause of a
/// section, a reference's field, a topic. Positions count from 0, as in the article's lists and its file;
/// <see cref="Describe"/> says the place in words counting from 1 ("Section 2, fact 3"), with field names as the
/// article file spells them, so they can be found in it. Admin forms find their field by matching these types.
/// </summary>
public abstract record ContentPlace
{
    /// <summary>The place in the article file's own terms: <c>sections[1].facts[2]</c>.</summary>
    public abstract string FilePath { get; }

    /// <summary>The place in words counting from 1: "Section 2, fact 3", "Citation 1, doi", "title"; "" for the whole.</summary>
    public abstract string Describe();

    /// <summary>The place that holds this one (a fact's list of facts, that list's section, ...); null for the whole.</summary>
    public abstract ContentPlace? Parent { get; }

    /// <summary>Whether this place is <paramref name="other"/> or lies within it.</summary>
    public bool IsWithin(ContentPlace other) => this == other || Parent?.IsWithin(other) == true;

    public override string ToString() => FilePath;

    /// <summary>The article (or its file) as a whole: no one field, the message says it all.</summary>
    public sealed record Whole : ContentPlace
    {
        public override string FilePath => "";
        public override string Describe() => "";
        public override ContentPlace? Parent => null;
    }

    public static readonly ContentPlace Article = new Whole();

    public sealed record ArticleField(ArticlePart Field) : ContentPlace
    {
        public override string FilePath => Field switch
        {
            ArticlePart.AuthorName => "author.name",
            ArticlePart.AuthorCredentials => "author.credentials",
            ArticlePart.HeroImageUrl => "heroImage.url",
            ArticlePart.HeroImageAlt => "heroImage.alt",
            ArticlePart.HeroImageCaption => "heroImage.caption",
            ArticlePart.HeroImageMediaId => "heroImage.mediaId",
            _ => Camel(Field),
        };

        public override string Describe() => FilePath;

        public override ContentPlace Parent => Field switch
        {
            ArticlePart.AuthorName or ArticlePart.AuthorCredentials => new ArticleField(ArticlePart.Author),
            ArticlePart.HeroImageUrl or ArticlePart.HeroImageAlt or ArticlePart.HeroImageCaption or ArticlePart.HeroImageMediaId
                => new ArticleField(ArticlePart.HeroImage),
            _ => Article,
        };
    }

    public sealed record Topic(int Index) : ContentPlace
    {
        public override string FilePath => $"topics[{Index}]";
        public override string Describe() => $"Topic {Index + 1}";
        public override ContentPlace Parent => new ArticleField(ArticlePart.Topics);
    }

    /// <param name="Field">Which of its fields; null for the section as a whole.</param>
    public sealed record Section(int Index, SectionPart? Field = null) : ContentPlace
    {
        public override string FilePath => $"sections[{Index}]{Dotted(Field)}";
        public override string Describe() => $"Section {Index + 1}{Listed(Field)}";
        public override ContentPlace Parent => Field is null ? new ArticleField(ArticlePart.Sections) : this with { Field = null };
    }

    public sealed record Fact(int SectionIndex, int Index) : ContentPlace
    {
        public override string FilePath => $"sections[{SectionIndex}].facts[{Index}]";
        public override string Describe() => $"Section {SectionIndex + 1}, fact {Index + 1}";
        public override ContentPlace Parent => new Section(SectionIndex, SectionPart.Facts);
    }

    /// <param name="Field">Which of its fields; null for the cause as a whole.</param>
    public sealed record Cause(int SectionIndex, int Index, CausePart? Field = null) : ContentPlace
    {
        public override string FilePath => $"sections[{SectionIndex}].causes[{Index}]{Dotted(Field)}";
        public override string Describe() => $"Section {SectionIndex + 1}, cause {Index + 1}{Listed(Field)}";
        public override ContentPlace Parent => Field is null ? new Section(SectionIndex, SectionPart.Causes) : this with { Field = null };
    }

    /// <summary>A reference, by its position in the article's list of references (which follows their numbers).</summary>
    /// <param name="Field">Which of its fields; null for the reference as a whole.</param>
    public sealed record Citation(int Index, CitationPart? Field = null) : ContentPlace
    {
        public override string FilePath => $"citations[{Index}]{Dotted(Field)}";
        public override string Describe() => $"Citation {Index + 1}{Listed(Field)}";
        public override ContentPlace Parent => Field is null ? new ArticleField(ArticlePart.Citations) : this with { Field = null };
    }

    /// <summary>A claim marked as needing no citation, by its position in the article's list of such marks.</summary>
    /// <param name="Field">Which of its fields; null for the mark as a whole.</param>
    public sealed record NoCitationNeededMark(int Index, NoCitationNeededPart? Field = null) : ContentPlace
    {
        public override string FilePath => $"noCitationNeeded[{Index}]{Dotted(Field)}";
        public override string Describe() => $"No-citation-needed mark {Index + 1}{Listed(Field)}";
        public override ContentPlace Parent => Field is null ? new ArticleField(ArticlePart.NoCitationNeeded) : this with { Field = null };
    }

    /// <summary>A library image the article file describes, by its position in the file's list of images.</summary>
    /// <param name="Field">Which of its fields; null for the image as a whole.</param>
    public sealed record Image(int Index, ImagePart? Field = null) : ContentPlace
    {
        public override string FilePath => $"images[{Index}]{Dotted(Field)}";
        public override string Describe() => $"Image {Index + 1}{Listed(Field)}";
        public override ContentPlace Parent => Field is null ? new ArticleField(ArticlePart.Images) : this with { Field = null };
    }

    /// <summary>A name an article file has where the format has none (a misspelt field), or spells otherwise (a field given twice).</summary>
    public sealed record FileField(ContentPlace Within, string Name) : ContentPlace
    {
        public override string FilePath => Within.FilePath.Length == 0 ? Name : $"{Within.FilePath}.{Name}";
        public override string Describe() => Within.Describe() is { Length: > 0 } within ? $"{within}, {Name}" : Name;
        public override ContentPlace Parent => Within;
    }

    private static string Camel<T>(T field) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field.ToString());

    private static string Dotted<T>(T? field) where T : struct, Enum => field is { } f ? "." + Camel(f) : "";

    private static string Listed<T>(T? field) where T : struct, Enum => field is { } f ? ", " + Camel(f) : "";
}

/// <summary>The article's own fields, as the article file has them (Author and HeroImage are the objects that hold the next ones).</summary>
public enum ArticlePart
{
    Slug, Title, Summary, Author, AuthorName, AuthorCredentials, HeroImage, HeroImageUrl, HeroImageAlt, HeroImageCaption,
    Status, PublishedAt, UpdatedAt, LastReviewedOn, ReviewedBy, NextReviewDue, Topics, Sections, Citations, Disclaimer,
    HeroImageMediaId, NoCitationNeeded, Images,
}

public enum SectionPart { Slug, Heading, Kind, Body, Facts, Causes }

public enum CausePart { Title, Description }

public enum NoCitationNeededPart { Claim, Reason }

public enum ImagePart { MediaId, UploadHash, Fingerprint, Alt, FileName }

public enum CitationPart { Number, Kind, Authors, EtAl, Title, Source, Year, DateDetail, Volume, Issue, Pages, Doi, Pmid, Url, AccessedOn, Evidence }

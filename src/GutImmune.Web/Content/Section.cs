namespace GutImmune.Web.Content;

/// <summary>A headed part of an article. Fact-list and cause-list sections carry their items besides the Markdown body.</summary>
public class Section
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public required string Slug { get; set; }
    public required string Heading { get; set; }
    /// <summary>Markdown; for list sections, the lead-in shown before the items.</summary>
    public string Body { get; set; } = "";
    public SectionKind Kind { get; set; }

    public List<Fact> Facts { get; set; } = [];
    public List<Cause> Causes { get; set; } = [];
}

public enum SectionKind
{
    Prose = 0,
    FactList = 1,
    CauseList = 2,
    Summary = 3,
}

/// <summary>One item of a fact-list section, in Markdown.</summary>
public class Fact
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
}

/// <summary>One item of a cause-list section: a titled Markdown description.</summary>
public class Cause
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
}

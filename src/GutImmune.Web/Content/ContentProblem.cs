namespace GutImmune.Web.Content;

/// <summary>Something that keeps content from being saved, and the part of the article it is about.</summary>
public sealed record ContentProblem(ContentPlace Place, string Message)
{
    /// <summary>A problem about the article as a whole, or a refusal that needs no place.</summary>
    public ContentProblem(string message) : this(ContentPlace.Article, message)
    {
    }

    /// <summary>The message led by its place in words ("Section 2, fact 3: is required."), as shown outside the form it belongs to.</summary>
    public string Described => Place.Describe() is { Length: > 0 } place ? $"{place}: {Message}" : Message;

    public override string ToString() => Described;
}

namespace GutImmune.Web.Content;

/// <summary>Something that keeps content from being saved, named by the field it is in.</summary>
public sealed record ContentProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

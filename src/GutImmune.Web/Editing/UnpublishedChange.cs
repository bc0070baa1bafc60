namespace GutImmune.Web.Editing;

/// <summary>A field of an article whose working copy differs from what readers see: how it reads in each.</summary>
public sealed record UnpublishedChange(string Label, string Published, string WorkingCopy);

namespace GutImmune.Web.Accounts;

public static class Roles
{
    /// <summary>Manages users and everything else.</summary>
    public const string Admin = "Admin";
    /// <summary>Writes and publishes content.</summary>
    public const string Editor = "Editor";
    /// <summary>Signs off medical reviews.</summary>
    public const string Reviewer = "Reviewer";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Reviewer];
}

/// <summary>Authorization policies of the admin area, by what they allow.</summary>
public static class Policies
{
    public const string EditContent = nameof(EditContent);
    public const string ReviewContent = nameof(ReviewContent);
    public const string ManageUsers = nameof(ManageUsers);
    public const string ManageApiKeys = nameof(ManageApiKeys);
    public const string ManageWebhooks = nameof(ManageWebhooks);
}

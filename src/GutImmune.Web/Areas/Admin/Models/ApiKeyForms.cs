using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using GutImmune.Web.ContentApi;

namespace GutImmune.Web.Areas.Admin.Models;

public sealed class NewApiKeyForm
{
    [Required(ErrorMessage = "Enter a name that says who the key is for, e.g. “Riverside Clinic portal”.")]
    [VisibleText(ErrorMessage = "Enter a name that says who the key is for, e.g. “Riverside Clinic portal”: it holds no visible text.")]
    [StringLength(ApiKey.MaxNameLength, ErrorMessage = "A key’s name is at most {1:N0} characters.")]
    public string Name { get; set; } = "";
}

/// <summary>The keys with their use, and the form that makes a new one.</summary>
public sealed record ApiKeyListPage(IReadOnlyList<ApiKeyStore.Row> Keys, NewApiKeyForm NewKey);

/// <summary>A key just made, shown this once.</summary>
public sealed record ApiKeyCreatedPage(string Name, string Secret);

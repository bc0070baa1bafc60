using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;

namespace GutImmune.Web.Areas.Admin.Models;

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Enter the person’s email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    [StringLength(256, ErrorMessage = "An email address can be at most {1:N0} characters long.")]
    public string Email { get; set; } = "";

    [Display(Name = "Name")]
    [Required(ErrorMessage = "Enter the person’s name.")]
    [VisibleText(ErrorMessage = "Enter the person’s name: it holds no visible text.")]
    [StringLength(ContentLimits.Name, ErrorMessage = "The name can be at most {1:N0} characters long.")]
    public string DisplayName { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool MustChangePassword);

public sealed record UserEditPage(UserRow User, bool IsSelf);

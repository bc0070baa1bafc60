using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.Areas.Admin.Models;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    [StringLength(256, ErrorMessage = "An email address can be at most {1:N0} characters long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [StringLength(256, ErrorMessage = "A password can be at most {1:N0} characters long.")]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordForm
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    [DataType(DataType.Password)]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "The new password must be at least 12 characters long.")]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match.")]
    [Display(Name = "Repeat new password")]
    public string ConfirmPassword { get; set; } = "";
}

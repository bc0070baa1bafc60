using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using GutImmune.Web.People;
using GutImmune.Web.SitePages;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>A profile as edited in the admin.</summary>
public sealed class PersonForm
{
    public int Version { get; set; }

    [Required(ErrorMessage = "Enter the person’s name.")]
    [StringLength(ContentLimits.Name, ErrorMessage = "The name can be at most {1:N0} characters long.")]
    public string Name { get; set; } = "";

    [Display(Name = "Slug (the address: /people/slug)")]
    [StringLength(ContentLimits.Slug, ErrorMessage = "The slug can be at most {1:N0} characters long.")]
    [RegularExpression(Content.Slug.Pattern, ErrorMessage = Content.Slug.FormatMessage)]
    public string? Slug { get; set; }

    [StringLength(ContentLimits.Name, ErrorMessage = "The credentials can be at most {1:N0} characters long.")]
    public string? Credentials { get; set; }

    [Required(ErrorMessage = "Enter the person’s role, e.g. Author or Medical reviewer.")]
    [StringLength(ContentLimits.Name, ErrorMessage = "The role can be at most {1:N0} characters long.")]
    public string Role { get; set; } = "";

    [Display(Name = "Short biography (Markdown)")]
    [StringLength(Person.MaxBioLength, ErrorMessage = "The biography can be at most {1:N0} characters long.")]
    public string? Bio { get; set; }

    [Display(Name = "Admin account")]
    [StringLength(450, ErrorMessage = "Choose one of the accounts the list offers.")]
    public string? AccountId { get; set; }

    [Display(Name = "Photo (media library)")]
    public int? PhotoMediaId { get; set; }

    // A method, not a property: model validation walks a bound model's properties and would find the record's
    // non-nullable Name and Role "required" a second time, under keys of fields the form does not have.
    public PersonFields ToFields() => new(Name, Slug ?? "", Credentials, Role, Bio, AccountId, PhotoMediaId);

    public static PersonForm From(EditablePerson person) => new()
    {
        Version = person.Version,
        Name = person.Fields.Name,
        Slug = person.Fields.Slug,
        Credentials = person.Fields.Credentials,
        Role = person.Fields.Role,
        Bio = person.Fields.Bio,
        AccountId = person.Fields.AccountId,
        PhotoMediaId = person.Fields.PhotoMediaId,
    };
}

/// <summary>The profile form page: the form, the profile it edits (null for a new one) and the accounts to link.</summary>
public sealed record PersonFormPage(PersonForm Form, int? Id, IReadOnlyList<(string Id, string Label)> Accounts)
{
    /// <summary>The library images that may be a photo (those with alt text).</summary>
    public IReadOnlyList<(int Id, string Label)> Photos { get; init; } = [];

    /// <summary>The saved profile's name, for the heading: the form may hold a refused one.</summary>
    public string? SavedName { get; init; }
}

/// <summary>A site page as edited in the admin; its slug is fixed.</summary>
public sealed class SitePageForm
{
    public int Version { get; set; }

    [Required(ErrorMessage = "Enter a title.")]
    [VisibleText(ErrorMessage = "Enter a title: it holds no visible text.")]
    [StringLength(ContentLimits.Title, ErrorMessage = "The title can be at most {1:N0} characters long.")]
    public string Title { get; set; } = "";

    [Display(Name = "Text (Markdown)")]
    [Required(ErrorMessage = "Enter the page’s text.")]
    [VisibleText(ErrorMessage = "Enter the page’s text: it holds no visible text.")]
    [StringLength(ContentLimits.Markdown, ErrorMessage = "The text can be at most {1:N0} characters long.")]
    public string Body { get; set; } = "";

    public static SitePageForm From(EditableSitePage page) => new() { Version = page.Version, Title = page.Title, Body = page.Body };
}

public sealed record SitePageFormPage(string Slug, string SavedTitle, SitePageForm Form);

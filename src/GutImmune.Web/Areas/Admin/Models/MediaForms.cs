using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Media;

namespace GutImmune.Web.Areas.Admin.Models;

/// <summary>What an editor says about an image, on upload and after.</summary>
public class MediaDetailsForm
{
    [Display(Name = "Alt text")]
    [StringLength(MediaImage.MaxTextLength, ErrorMessage = "The alt text can be at most {1:N0} characters long.")]
    public string? AltText { get; set; }

    [StringLength(MediaImage.MaxTextLength, ErrorMessage = "The caption can be at most {1:N0} characters long.")]
    public string? Caption { get; set; }

    [StringLength(MediaImage.MaxTextLength, ErrorMessage = "The credit can be at most {1:N0} characters long.")]
    public string? Credit { get; set; }

    [StringLength(MediaImage.MaxTextLength, ErrorMessage = "The licence can be at most {1:N0} characters long.")]
    public string? Licence { get; set; }

    [Display(Name = "Focal point, across (%)")]
    [Range(0, 100, ErrorMessage = "Enter a percentage from 0 (left) to 100 (right).")]
    public int FocalX { get; set; } = 50;

    [Display(Name = "Focal point, down (%)")]
    [Range(0, 100, ErrorMessage = "Enter a percentage from 0 (top) to 100 (bottom).")]
    public int FocalY { get; set; } = 50;

    public MediaDetails Details => new(AltText, Caption, Credit, Licence, FocalX, FocalY);
}

/// <summary>The upload form: the file and, optionally, its details at once.</summary>
public sealed class MediaUploadForm : MediaDetailsForm
{
    public IFormFile? File { get; set; }
}

/// <summary>An image's details as edited, with the version the save is checked against.</summary>
public sealed class MediaEditForm : MediaDetailsForm
{
    public int Version { get; set; }

    public static MediaEditForm From(EditableMedia media) => new()
    {
        Version = media.Version,
        AltText = media.Details.AltText,
        Caption = media.Details.Caption,
        Credit = media.Details.Credit,
        Licence = media.Details.Licence,
        FocalX = media.Details.FocalX,
        FocalY = media.Details.FocalY,
    };
}

public sealed record MediaIndexPage(IReadOnlyList<MediaRow> Images, string? Search, MediaUploadForm Upload)
{
    /// <summary>The image the upload turned out to be, linked beside the file field's message.</summary>
    public MediaSave.AlreadyInLibrary? AlreadyInLibrary { get; init; }
}

public sealed record MediaEditPage(EditableMedia Media, MediaEditForm Form);

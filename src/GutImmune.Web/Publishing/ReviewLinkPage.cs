using GutImmune.Web.Content;
using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Reading;

namespace GutImmune.Web.Publishing;

/// <summary>
/// A review link's page: the working copy as readers will see it, and the sign-off form bound to the content shown
/// (<paramref name="Version"/> and its <paramref name="Fingerprint"/>).
/// </summary>
/// <param name="ChangedSinceLinkMade">The working copy is no longer what it was when the link was made.</param>
/// <param name="SignOffUnavailable">Why the copy cannot be signed off now (not yet submitted for review), or null.</param>
/// <param name="SignedOff">The sign-off made through this link for this very content, if any.</param>
public sealed record ReviewLinkPage(string Address, ArticlePage Article, int Version, string Fingerprint, DateTime ExpiresAt,
    bool ChangedSinceLinkMade, string? SignOffUnavailable, ReviewSignOff? SignedOff, ReviewLinkSignOffForm Form);

/// <summary>A clinician's sign-off through a review link: who they are, and that they mean it, for the content the page showed.</summary>
public sealed class ReviewLinkSignOffForm
{
    public int Version { get; set; }

    [Required]
    [StringLength(64)]
    public string Fingerprint { get; set; } = "";

    [Display(Name = "Your name")]
    [Required(ErrorMessage = "Enter your name as readers should see it.")]
    [VisibleText(ErrorMessage = "Enter your name as readers should see it.")]
    [StringLength(ReviewLinks.NameLength, ErrorMessage = "Your name can be at most {1} characters long.")]
    public string? Name { get; set; }

    [Display(Name = "Your credentials")]
    [Required(ErrorMessage = "Enter your credentials, e.g. “MD, gastroenterologist”.")]
    [VisibleText(ErrorMessage = "Enter your credentials, e.g. “MD, gastroenterologist”.")]
    [StringLength(ReviewLinks.CredentialsLength, ErrorMessage = "Your credentials can be at most {1} characters long.")]
    public string? Credentials { get; set; }

    public bool Confirmed { get; set; }
}

/// <summary>The page of a review link that does not work: unknown (404), expired or revoked (410).</summary>
public sealed record ReviewLinkClosedPage(ReviewLinkState? State);

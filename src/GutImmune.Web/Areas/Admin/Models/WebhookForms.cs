using System.ComponentModel.DataAnnotations;
using GutImmune.Web.Content;
using GutImmune.Web.Webhooks;

namespace GutImmune.Web.Areas.Admin.Models;

public sealed class NewWebhookForm
{
    [Required(ErrorMessage = "Enter a name that says whose endpoint it is, e.g. “Riverside Clinic portal”.")]
    [VisibleText(ErrorMessage = "Enter a name that says whose endpoint it is, e.g. “Riverside Clinic portal”: it holds no visible text.")]
    [StringLength(WebhookEndpoint.MaxNameLength, ErrorMessage = "An endpoint’s name is at most {1:N0} characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the endpoint’s address, starting with https://.")]
    [StringLength(WebhookEndpoint.MaxUrlLength, ErrorMessage = "An address is at most {1:N0} characters.")]
    public string Url { get; set; } = "";
}

/// <summary>The endpoints with their delivery counts, and the form that adds one.</summary>
public sealed record WebhookListPage(IReadOnlyList<WebhookRegistry.Row> Endpoints, NewWebhookForm NewEndpoint);

/// <summary>An endpoint just added, with its signing secret shown this once.</summary>
public sealed record WebhookCreatedPage(string Name, string Url, string Secret);

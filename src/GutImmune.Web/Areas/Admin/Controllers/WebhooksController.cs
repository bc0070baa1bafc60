using GutImmune.Web.Accounts;
using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Webhook endpoints: Admins add them (the signing secret shown once), follow their deliveries, and revoke them.</summary>
[Route("admin/webhooks")]
[Authorize(Policy = Policies.ManageWebhooks)]
public class WebhooksController(WebhookRegistry registry) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new WebhookListPage(await registry.AllAsync(cancellationToken), new NewWebhookForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = nameof(WebhookListPage.NewEndpoint))] NewWebhookForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var registration = await registry.RegisterAsync(form.Name, form.Url, cancellationToken);
            if (registration.Secret is { } secret)
                return View("Created", new WebhookCreatedPage(registration.Name, form.Url.Trim(), secret));
            ModelState.AddModelError($"{nameof(WebhookListPage.NewEndpoint)}.{nameof(NewWebhookForm.Url)}", registration.Problem!);
        }
        return View(nameof(Index), new WebhookListPage(await registry.AllAsync(cancellationToken), form));
    }

    [HttpGet("{endpointId:int}")]
    public async Task<IActionResult> Deliveries(int endpointId, CancellationToken cancellationToken) =>
        await registry.HistoryAsync(endpointId, cancellationToken) is { } history ? View(history) : NotFound();

    [HttpPost("{endpointId:int}/revoke")]
    public async Task<IActionResult> Revoke(int endpointId, CancellationToken cancellationToken)
    {
        if (!await registry.RevokeAsync(endpointId, cancellationToken))
            return NotFound();
        TempData.SetFlashMessage("The endpoint is revoked: no more events are sent to it.");
        return RedirectToAction(nameof(Index));
    }
}

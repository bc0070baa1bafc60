using System.Net;
using System.Security.Claims;
using System.Text.Json;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Reading;
using GutImmune.Tests.ScaleOut;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Publishing;
using GutImmune.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Webhooks;

/// <summary>
/// What webhook delivery promises, on SQLite (<see cref="WebhookDeliveryTests"/>) and PostgreSQL
/// (<see cref="ScaleOut.PostgresWebhookTests"/>): the event is written with the publish, one per endpoint; published,
/// updated and withdrawn are told apart and a scheduled publication is told when it goes live; failures are retried
/// after the back-off; a delivery is sent by one instance only.
/// </summary>
public abstract class WebhookContract(WebhookSite site)
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "webhook-test@example.org"), new Claim(ClaimTypes.Role, Roles.Admin)], "test"));

    private DateTime Now => site.Clock.GetUtcNow().UtcDateTime;

    private string NewSlug(string what) => $"hook-{what}-{Guid.NewGuid():N}"[..40];

    private Task<int> PublishAsync(string slug, DateTime? at = null) =>
        SyntheticArticles.CreateAsync(site, slug, $"Hook test {slug}", ArticleStatus.Published, at ?? Now.AddMinutes(-1), [slug]);

    /// <summary>Sends what is due now, as one instance's sender would; returns how many it attempted.</summary>
    private Task<int> SendDueAsync() => site.WithServiceAsync<WebhookDispatcher, int>(dispatcher => dispatcher.SendDueAsync(default));

    private Task<List<WebhookDelivery>> DeliveriesAsync(int? articleId = null) =>
        site.WithServiceAsync<GutImmuneDbContext, List<WebhookDelivery>>(db =>
            db.WebhookDeliveries.AsNoTracking().Where(d => articleId == null || d.ArticleId == articleId).OrderBy(d => d.Id).ToListAsync());

    private async Task<int> RegisterAsync(string url)
    {
        var admin = await WebhookAdmin.AdminAsync(site);
        return (await WebhookAdmin.RegisterAsync(site, admin, url)).Id;
    }

    protected async Task Each_endpoint_gets_the_event_written_with_the_publish()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var first = await RegisterAsync(receiver.Url);
        var second = await RegisterAsync(receiver.Url);
        var article = await PublishAsync(NewSlug("outbox"));

        // Written by the publish itself: there when the save returns, before any sender ran.
        var written = await DeliveriesAsync(article);
        Assert.Equal([first, second], written.Select(d => d.EndpointId).Order());
        Assert.Single(written.Select(d => d.EventId).Distinct());
        Assert.All(written, d => Assert.Equal((WebhookEventTypes.Published, 0, (DateTime?)null), (d.EventType, d.Attempts, d.DeliveredAt)));
        Assert.Equal(0, receiver.Count);

        Assert.Equal(2, await SendDueAsync());
        Assert.Equal(2, receiver.Count);
        Assert.All(await DeliveriesAsync(article), d => Assert.Equal((1, (int?)200, (DateTime?)null), (d.Attempts, d.LastStatusCode, d.NextAttemptAt)));
    }

    /// <summary>SQLite only (a trigger refuses the event's row): the publish fails with its event, nothing is half done.</summary>
    protected async Task A_publish_whose_event_cannot_be_written_is_not_published_either()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await RegisterAsync(receiver.Url);
        var slug = NewSlug("atomic");
        await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_webhook BEFORE INSERT ON WebhookDeliveries BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"));
        try
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => PublishAsync(slug));
        }
        finally
        {
            await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_webhook"));
        }
        Assert.False(await site.WithServiceAsync<GutImmuneDbContext, bool>(db => db.ReaderEditions.AnyAsync(e => e.Slug == slug)));
        Assert.False(await site.WithServiceAsync<GutImmuneDbContext, bool>(db => db.Articles.AnyAsync(a => a.Slug == slug)));
    }

    protected async Task Published_updated_and_withdrawn_are_told_apart_and_a_scheduled_publication_is_told_when_it_goes_live()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await RegisterAsync(receiver.Url);
        var slug = NewSlug("steps");
        var article = await PublishAsync(slug);
        await site.WithServiceAsync<IServiceProvider, int>(async services =>
        {
            var editor = services.GetRequiredService<ArticleEditor>();
            var workflow = services.GetRequiredService<ArticleWorkflow>();
            var version = await Version(services, article);
            Assert.IsType<EditOutcome.Saved>(await editor.EditAsync(article, version, "Retitled", a => { a.Title = "Hook test retitled"; return null; }, default));
            Assert.IsType<EditOutcome.Saved>(await workflow.TakeStepAsync(article, await Version(services, article), WorkflowStep.PublishWithoutReview, Admin, null,
                "A test publishes without review", "Retitled", default));
            Assert.IsType<EditOutcome.Saved>(await workflow.TakeStepAsync(article, await Version(services, article), WorkflowStep.Unpublish, Admin, null, null, null, default));
            return 0;
        });
        Assert.Equal(3, await SendDueAsync());
        var events = receiver.Drain().Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal([WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Withdrawn], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("Hook test retitled", events[1].GetProperty("article").GetProperty("title").GetString());
        Assert.All(events, e => Assert.Equal(slug, e.GetProperty("article").GetProperty("slug").GetString()));
        // Times are UTC and say so, also those read back from the database (the withdrawn edition's).
        Assert.All(events, e => Assert.EndsWith("Z", e.GetProperty("article").GetProperty("dateModified").GetString()));

        // Scheduled: told when readers can see it, not before; scheduled and withdrawn before that: never told.
        var goesLive = Now.AddHours(1);
        var scheduled = await PublishAsync(NewSlug("scheduled"), goesLive);
        var neverLive = await PublishAsync(NewSlug("never-live"), goesLive);
        await site.WithServiceAsync<IServiceProvider, int>(async services =>
        {
            Assert.IsType<EditOutcome.Saved>(await services.GetRequiredService<ArticleWorkflow>().TakeStepAsync(neverLive, await Version(services, neverLive),
                WorkflowStep.Unpublish, Admin, null, null, null, default));
            return 0;
        });
        Assert.Empty(await DeliveriesAsync(neverLive));
        Assert.Equal(0, await SendDueAsync());
        site.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SendDueAsync());
        var live = JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement;
        Assert.Equal(WebhookEventTypes.Published, live.GetProperty("type").GetString());
        Assert.Equal(goesLive, live.GetProperty("occurredAt").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(scheduled, (await DeliveriesAsync(scheduled)).Single().ArticleId);

        static Task<int> Version(IServiceProvider services, int id) =>
            services.GetRequiredService<GutImmuneDbContext>().Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }

    protected async Task A_failing_endpoint_is_retried_after_the_back_off_and_the_history_shows_each_attempt()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(500, 503, 204);
        var admin = await WebhookAdmin.AdminAsync(site);
        var (_, endpoint) = await WebhookAdmin.RegisterAsync(site, admin, receiver.Url);
        var article = await PublishAsync(NewSlug("retry"));

        Assert.Equal(1, await SendDueAsync());
        var failed = (await DeliveriesAsync(article)).Single();
        Assert.Equal((1, (int?)500), (failed.Attempts, failed.LastStatusCode));
        Assert.InRange(failed.NextAttemptAt!.Value, Now.AddMinutes(1), Now.AddMinutes(1.2));
        var history = await admin.GetPageAsync($"/admin/webhooks/{endpoint}");
        var row = history.QuerySelector("table.deliveries tbody tr")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains(WebhookEventTypes.Published, row[0]);
        Assert.Equal(["Pending", "1", "500"], row[1..4]);
        Assert.Equal(failed.NextAttemptAt.Value.ToString("yyyy-MM-dd HH:mm:ss") + " UTC", row[4]);
        Assert.Contains("HTTP 500", row[5]);

        // Not before the back-off has passed.
        site.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(0, await SendDueAsync());
        site.Clock.Advance(failed.NextAttemptAt.Value - Now);
        Assert.Equal(1, await SendDueAsync());
        var second = (await DeliveriesAsync(article)).Single();
        Assert.Equal((2, (int?)503), (second.Attempts, second.LastStatusCode));
        Assert.InRange(second.NextAttemptAt!.Value, Now.AddMinutes(5), Now.AddMinutes(6));

        site.Clock.Advance(second.NextAttemptAt.Value - Now);
        Assert.Equal(1, await SendDueAsync());
        var delivered = (await DeliveriesAsync(article)).Single();
        Assert.Equal((3, (int?)204, (DateTime?)null, (string?)null), (delivered.Attempts, delivered.LastStatusCode, delivered.NextAttemptAt, delivered.LastError));
        Assert.NotNull(delivered.DeliveredAt);
        // Every attempt is the same event (a receiver drops repeats by its id), signed afresh with its own timestamp.
        var attempts = receiver.Drain();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.Equal(3, attempts.Select(a => a.Timestamp).Distinct().Count());
        Assert.Equal(0, await SendDueAsync());
    }

    protected async Task Two_instances_never_both_send_a_delivery()
    {
        await WebhookAdmin.ResetAsync(site);
        await using var receiver = await WebhookReceiver.StartAsync(200);
        for (var i = 0; i < 4; i++)
            await RegisterAsync(receiver.Url);
        for (var i = 0; i < 10; i++)
            await PublishAsync(NewSlug($"race{i}"));
        Assert.Equal(40, (await DeliveriesAsync()).Count);

        // Two senders with their own database connections, as two instances have, at the same time.
        var attempted = await Task.WhenAll(SendDueAsync(), SendDueAsync());
        Assert.Equal(40, attempted.Sum());
        var received = receiver.Drain();
        Assert.Equal(40, received.Count);
        Assert.Equal(40, received.Select(r => (r.Id, JsonDocument.Parse(r.Body).RootElement.GetProperty("article").GetProperty("slug").GetString(), r.Signature)).Distinct().Count());
        Assert.All(await DeliveriesAsync(), d => Assert.Equal(1, d.Attempts));

        // A delivery another instance holds is left alone until its claim runs out (that instance stopped mid-attempt).
        var held = await PublishAsync(NewSlug("held"));
        var claimedUntil = Now.AddMinutes(2);
        await site.WithServiceAsync<GutImmuneDbContext, int>(db => db.WebhookDeliveries.Where(d => d.ArticleId == held)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ClaimedUntil, claimedUntil)));
        Assert.Equal(0, await SendDueAsync());
        site.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(4, await SendDueAsync());
    }
}

public class WebhookDeliveryTests(WebhookSite site) : WebhookContract(site), IClassFixture<WebhookSite>
{
    [Fact] public Task Webhook_event_is_written_with_the_publish_one_per_endpoint() => Each_endpoint_gets_the_event_written_with_the_publish();
    [Fact] public Task Webhook_events_tell_published_updated_withdrawn_and_scheduled_going_live() => Published_updated_and_withdrawn_are_told_apart_and_a_scheduled_publication_is_told_when_it_goes_live();
    [Fact] public Task Webhook_failures_are_retried_with_back_off_and_shown_in_the_history() => A_failing_endpoint_is_retried_after_the_back_off_and_the_history_shows_each_attempt();
    [Fact] public Task Webhook_two_instances_never_both_send_a_delivery() => Two_instances_never_both_send_a_delivery();
    [SqliteFact] public Task Webhook_event_and_publish_commit_together_or_not_at_all() => A_publish_whose_event_cannot_be_written_is_not_published_either();
}

using GutImmune.Web.Webhooks;

namespace GutImmune.Tests.Webhooks;

public class WebhookScheduleTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Retries_wait_1_5_30_120_360_minutes_plus_jitter_then_the_delivery_has_failed(double jitter)
    {
        var delivery = new WebhookDelivery { EventId = "evt_1", EventType = WebhookEventTypes.Published, Payload = "{}" };
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var minutes in new[] { 1, 5, 30, 120, 360 })
        {
            delivery.RecordFailure(now, 500, "HTTP 500", jitter);
            var wait = delivery.NextAttemptAt!.Value - now;
            Assert.Equal(TimeSpan.FromMinutes(minutes * (1 + WebhookDelivery.Jitter * jitter)), wait);
            Assert.Null(delivery.FailedAt);
            now += wait;
        }
        delivery.RecordFailure(now, null, "No answer within 10 s.", jitter);
        Assert.Equal((6, (DateTime?)null, (DateTime?)now), (delivery.Attempts, delivery.NextAttemptAt, delivery.FailedAt));
    }
}

using GutImmune.Tests.Webhooks;

namespace GutImmune.Tests.ScaleOut;

/// <summary>The webhook contract on PostgreSQL, where two instances' claims meet in row locks.</summary>
public class PostgresWebhookTests(PostgresWebhookSite site) : WebhookContract(site), IClassFixture<PostgresWebhookSite>
{
    [ServicesFact] public Task Webhook_event_is_written_with_the_publish_one_per_endpoint() => Each_endpoint_gets_the_event_written_with_the_publish();
    [ServicesFact] public Task Webhook_events_tell_published_updated_withdrawn_and_scheduled_going_live() => Published_updated_and_withdrawn_are_told_apart_and_a_scheduled_publication_is_told_when_it_goes_live();
    [ServicesFact] public Task Webhook_failures_are_retried_with_back_off_and_shown_in_the_history() => A_failing_endpoint_is_retried_after_the_back_off_and_the_history_shows_each_attempt();
    [ServicesFact] public Task Webhook_two_instances_never_both_send_a_delivery() => Two_instances_never_both_send_a_delivery();
}

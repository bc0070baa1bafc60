using GutImmune.Tests.ContentApi;

namespace GutImmune.Tests.ScaleOut;

/// <summary>The content API's contract (<see cref="ContentApiContract"/>) on PostgreSQL: its ordering, keyset cursors and timestamps.</summary>
public class PostgresContentApiTests(PostgresContentApiSite site) : ContentApiContract(site), IClassFixture<PostgresContentApiSite>
{
    [ServicesFact] public Task Api_never_shows_unpublished_scheduled_or_working_copy_content() => Unpublished_scheduled_and_working_copy_content_never_appear();
    [ServicesFact] public Task Api_cursor_pages_visit_every_article_once_in_each_order() => Cursor_pages_visit_every_article_once_in_each_order_with_ties_broken_by_id();
    [ServicesFact] public Task Api_filters_narrow_by_topic_and_dates() => Filters_narrow_by_topic_modification_review_and_due_dates();
    [ServicesFact] public Task Api_article_is_a_MedicalWebPage_with_sections_references_and_terms() => Article_is_a_MedicalWebPage_with_sections_references_and_terms();
    [ServicesFact] public Task Api_bad_query_values_are_400_naming_the_parameter() => Bad_query_values_are_answered_400_naming_the_parameter();
    [ServicesFact] public Task Api_hostile_values_never_get_a_server_error() => Hostile_values_never_get_a_server_error();
    [ServicesFact] public Task Api_control_characters_in_any_query_value_are_400_naming_the_parameter() => Control_characters_in_any_query_value_are_answered_400_naming_the_parameter();
    [ServicesFact] public Task Api_answers_are_cacheable_conditional_cross_origin_and_answer_head() => Answers_are_cacheable_conditional_cross_origin_and_answer_head();
    [ServicesFact] public Task Api_addresses_with_capitals_answer_301_to_the_lower_case_address() => Addresses_with_capitals_or_a_trailing_slash_answer_301_to_the_lower_case_address_keeping_the_query();
}

using GutImmune.Web.Content;

namespace GutImmune.Tests.Content;

/// <summary>The rules of a sign-off's dates, which the review form and review links both go through; each problem names its field.</summary>
public class ReviewScheduleTests
{
    private static readonly DateOnly SavedOn = new(2026, 12, 1);
    private static readonly DateOnly Today = new(2026, 12, 10);

    private static List<string> Problems(DateOnly reviewedOn, DateOnly nextReviewDue) =>
        ReviewSchedule.SignOffProblems(reviewedOn, nextReviewDue, SavedOn, Today).Select(p => p.Described).ToList();

    [Fact]
    public void A_review_from_the_day_before_the_content_was_saved_up_to_today_due_after_today_is_accepted()
    {
        Assert.Empty(Problems(SavedOn.AddDays(-1), ReviewSchedule.NextDue(SavedOn.AddDays(-1))));
        Assert.Empty(Problems(Today, Today.AddDays(1)));
    }

    [Fact]
    public void A_review_dated_before_the_content_it_signs_off_is_refused_naming_the_earliest_date()
    {
        var problem = Assert.Single(Problems(SavedOn.AddDays(-2), Today.AddYears(3)));
        Assert.StartsWith("lastReviewedOn: The review date cannot be before 30 November 2026: the content you are signing off was last changed on 1 December 2026", problem);
    }

    [Fact]
    public void A_review_in_the_future_or_a_next_review_not_after_it_or_already_past_is_refused()
    {
        Assert.StartsWith("lastReviewedOn: The review date cannot be in the future", Assert.Single(Problems(Today.AddDays(1), Today.AddYears(3))));
        Assert.Equal("nextReviewDue: must be after the last review date.", Assert.Single(Problems(Today, Today)));
        Assert.Equal("nextReviewDue: must not be in the past (today is 10 December 2026).", Assert.Single(Problems(SavedOn, Today.AddDays(-1))));
    }

    [Fact]
    public void A_next_review_more_than_five_years_after_the_review_is_refused_naming_the_latest_date()
    {
        Assert.Empty(Problems(Today, Today.AddYears(5)));
        const string tooFar = "nextReviewDue: must be at most 5 years after the review date (on or before 10 December 2031): medical content is reviewed at least that often.";
        Assert.Equal(tooFar, Assert.Single(Problems(Today, Today.AddYears(5).AddDays(1))));
        Assert.Equal(tooFar, Assert.Single(Problems(Today, Today.AddYears(50))));
        Assert.Equal(tooFar, Assert.Single(Problems(Today, DateOnly.MaxValue)));
    }
}

using System.Globalization;

namespace GutImmune.Web.Content;

/// <summary>
/// When a medical review falls due (three years after the last one by default, as the NHS does), and the rules a
/// review's dates keep: the one place for them, whichever way the review is signed off (the review form, a review link).
/// </summary>
public static class ReviewSchedule
{
    public const int DefaultIntervalYears = 3;

    /// <summary>The longest a sign-off may put off the next review: a date further on (a slip of the year) would keep an
    /// article off the dashboard's due list for good.</summary>
    public const int MaxIntervalYears = 5;

    public static DateOnly NextDue(DateOnly reviewedOn) => reviewedOn.AddYears(DefaultIntervalYears);

    /// <summary>The rule an article's review dates keep, however they arrived: the next review falls after the last.</summary>
    public static IEnumerable<ContentProblem> Problems(DateOnly? reviewedOn, DateOnly? nextReviewDue) =>
        reviewedOn is { } reviewed && nextReviewDue is { } due && due <= reviewed
            ? [new(new ContentPlace.ArticleField(ArticlePart.NextReviewDue), "must be after the last review date.")]
            : [];

    /// <summary>
    /// The rules of a sign-off's dates, besides <see cref="Problems"/>: readers read the review date as the day the content
    /// was checked, so it is neither after <paramref name="today"/> nor before the content it signs off was last changed
    /// (<paramref name="contentSavedOn"/>, the day of the working copy's save the reviewer read, UTC; the day before is
    /// allowed for a reviewer whose day starts earlier); and the next review is neither already past nor more than
    /// <see cref="MaxIntervalYears"/> years after the review.
    /// </summary>
    public static IEnumerable<ContentProblem> SignOffProblems(DateOnly reviewedOn, DateOnly nextReviewDue, DateOnly contentSavedOn, DateOnly today)
    {
        var reviewDate = new ContentPlace.ArticleField(ArticlePart.LastReviewedOn);
        if (reviewedOn > today)
            yield return new(reviewDate, "The review date cannot be in the future: readers see it as the date the article was checked.");
        var earliest = contentSavedOn.AddDays(-1);
        if (reviewedOn < earliest)
            yield return new(reviewDate, $"The review date cannot be before {Day(earliest)}: the content you are signing off was last changed on "
                + $"{Day(contentSavedOn)} (UTC; the day before is allowed for time zones), and readers see the review date as the day it was checked.");
        foreach (var problem in Problems(reviewedOn, nextReviewDue))
            yield return problem;
        if (nextReviewDue < today)
            yield return new(new ContentPlace.ArticleField(ArticlePart.NextReviewDue), $"must not be in the past (today is {Day(today)}).");
        if (reviewedOn <= today && nextReviewDue > reviewedOn.AddYears(MaxIntervalYears))
            yield return new(new ContentPlace.ArticleField(ArticlePart.NextReviewDue),
                $"must be at most {MaxIntervalYears} years after the review date (on or before {Day(reviewedOn.AddYears(MaxIntervalYears))}): medical content is reviewed at least that often.");
    }

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

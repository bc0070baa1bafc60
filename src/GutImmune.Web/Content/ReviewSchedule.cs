namespace GutImmune.Web.Content;

/// <summary>When a medical review falls due: three years after the last one by default, as the NHS does.</summary>
public static class ReviewSchedule
{
    public const int DefaultIntervalYears = 3;

    public static DateOnly NextDue(DateOnly reviewedOn) => reviewedOn.AddYears(DefaultIntervalYears);
}

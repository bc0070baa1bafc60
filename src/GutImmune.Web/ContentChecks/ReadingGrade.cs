namespace GutImmune.Web.ContentChecks;

/// <summary>The two US school-grade formulas health publishers use; null when there is no text to grade.</summary>
public static class ReadingGrade
{
    /// <summary>
    /// Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59, at least 0 (very short
    /// sentences of short words give a negative number, which is no school grade).
    /// </summary>
    public static double? FleschKincaid(TextStatistics s) =>
        s.Words == 0 || s.Sentences == 0 ? null : Math.Max(0, 0.39 * s.Words / s.Sentences + 11.8 * s.Syllables / s.Words - 15.59);

    /// <summary>SMOG grade: 1.0430 × √(words of 3+ syllables × 30 / sentences) + 3.1291 (meant for 30 sentences or more; shorter texts get an estimate).</summary>
    public static double? Smog(TextStatistics s) =>
        s.Sentences == 0 ? null : 1.0430 * Math.Sqrt(s.PolysyllabicWords * 30.0 / s.Sentences) + 3.1291;
}

using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Accessibility;

[Collection(SiteInChromiumCollection.Name)]
public class AccessibilityTests(SiteInChromium site)
{
    public static TheoryData<string, ColorScheme> Pages => SitePages.NamesInLightAndDark;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_breaks_no_wcag_2_2_level_a_or_aa_rule_that_axe_checks(string page, ColorScheme colorScheme)
    {
        var sitePage = SitePages.Named(page);
        await using var opened = await site.OpenAsync(sitePage, colorScheme);
        Assert.Equal(sitePage.Status, opened.Status);

        var violations = await AxeAudit.RunAsync(opened.Page);

        Assert.True(violations.Count == 0, AxeAudit.Describe($"{sitePage.Path} ({colorScheme} colour scheme)", violations));
    }
}

using GutImmune.BrowserTests.Site;

namespace GutImmune.BrowserTests.Validity;

[Collection(SiteInChromiumCollection.Name)]
public class HtmlValidityTests(SiteInChromium site)
{
    public static TheoryData<string> Pages => SitePages.Names;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Served_html_has_no_errors_by_the_nu_html_checker(string page)
    {
        var sitePage = SitePages.Named(page);
        using var response = await site.CreateClient().GetAsync(sitePage.Path);
        Assert.Equal(sitePage.Status, (int)response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var messages = await NuHtmlChecker.CheckAsync(html);

        var errors = messages.Where(m => m.Type is "error" or "non-document-error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe(sitePage.Path, errors));
    }
}

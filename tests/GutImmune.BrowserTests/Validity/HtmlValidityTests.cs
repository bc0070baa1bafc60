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
        await using var opened = await site.OpenAsync(sitePage);
        Assert.Equal(sitePage.Status, opened.Status);
        var html = await opened.ServedHtmlAsync();

        var messages = await NuHtmlChecker.CheckAsync(html);

        var errors = messages.Where(m => m.Type is "error" or "non-document-error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe(sitePage.Path, errors));
    }
}

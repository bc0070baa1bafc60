using GutImmune.BrowserTests.Site;

namespace GutImmune.BrowserTests.Accessibility;

/// <summary>The Content-Security-Policy allows only the site's own scripts and styles: no page may need more.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class ContentSecurityPolicyTests(SiteInChromium site)
{
    public static TheoryData<string> Pages => SitePages.Names;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_works_within_the_content_security_policy(string page)
    {
        var sitePage = SitePages.Named(page);
        await using var opened = await site.OpenAsync(sitePage);
        var violations = new List<string>();
        opened.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };

        await opened.Page.ReloadAsync();
        await opened.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Contains("script-src 'self'", await opened.Page.EvaluateAsync<string>("() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

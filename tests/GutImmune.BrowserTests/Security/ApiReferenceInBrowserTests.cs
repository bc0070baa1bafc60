using GutImmune.BrowserTests.Site;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Security;

/// <summary>
/// The content API's interactive reference (Scalar, served by the site) works under the site's Content-Security-Policy:
/// its scripts load from the site with the page's nonce, it reads /openapi/v1.json and shows the operations.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class ApiReferenceInBrowserTests(SiteInChromium site)
{
    [Fact]
    public async Task Api_reference_shows_the_operations_without_breaking_the_content_security_policy()
    {
        await using var opened = await site.OpenAsync("/api/reference/v1");
        var violations = new List<string>();
        var outside = new List<string>();
        opened.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        opened.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:"))
                outside.Add(request.Url);
        };

        await opened.Page.ReloadAsync();
        await opened.Page.GetByText("Published articles, a page at a time").First.WaitForAsync(new() { Timeout = 30_000 });
        await opened.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(outside.Count == 0, "requests left the site: " + string.Join("\n", outside));
    }
}

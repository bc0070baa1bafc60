using GutImmune.BrowserTests.Accessibility;
using GutImmune.BrowserTests.Site;
using GutImmune.BrowserTests.Validity;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Admin;

/// <summary>An editor uploads a photo, describes it, makes it an article's hero; readers get it without layout shift.</summary>
[Collection(SiteInChromiumCollection.Name)]
public class MediaInBrowserTests(SiteInChromium site)
{
    [Fact]
    public async Task Editor_uploads_an_image_sets_its_alt_text_and_makes_it_the_hero_which_readers_see_without_layout_shift()
    {
        await using var opened = await site.SignInAsync(Roles.Editor);
        var page = opened.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Media", Exact = true }).ClickAsync();
        await page.Locator("#File").SetInputFilesAsync(new FilePayload
        {
            Name = "browser-hero.jpg", MimeType = "image/jpeg", Buffer = SiteInChromium.Gradient(1600, 900),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Add its alt text before using it");
        await page.GetByLabel("Alt text").FillAsync("A browser-made gradient, blue to green");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved the details");

        await page.GotoAsync("/admin/articles");
        await page.GetByRole(AriaRole.Link, new() { Name = "The Gut-Immune System Connection" }).ClickAsync();
        var articleUrl = page.Url;
        await page.GetByLabel("Hero image (media library)").SelectOptionAsync(new SelectOptionValue { Label = "A browser-made gradient, blue to green (browser-hero.jpg, image 2)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("saved");
        await using (var reviewing = await site.SignInAsync(Roles.Reviewer))
        {
            await reviewing.Page.GotoAsync(articleUrl);
            await reviewing.Page.GetByRole(AriaRole.Button, new() { Name = "Sign off the review" }).ClickAsync();
            await Assertions.Expect(reviewing.Page.Locator(".flash")).ToContainTextAsync("The medical review was signed off.");
        }
        await page.GotoAsync(articleUrl);
        await page.GetByLabel("What changed (shown to readers as “Last updated — note”; required)").First.FillAsync("Added a picture");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Published.");

        await using var reader = await site.OpenAsync(SitePages.Article);
        var hero = reader.Page.Locator(".hero picture img");
        await Assertions.Expect(hero).ToHaveAttributeAsync("alt", "A browser-made gradient, blue to green");
        await Assertions.Expect(hero).ToHaveAttributeAsync("width", "1600");
        await Assertions.Expect(hero).ToHaveAttributeAsync("height", "900");
        // The browser picked a rendition (AVIF here) and decoded it.
        await reader.Page.WaitForFunctionAsync("() => { const i = document.querySelector('.hero picture img'); return i.complete && i.naturalWidth > 0; }");
        Assert.EndsWith(".avif", await hero.EvaluateAsync<string>("i => i.currentSrc"));
        var shift = await reader.Page.EvaluateAsync<double>(
            """
            () => new Promise(resolve => {
                let total = 0;
                const observer = new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; });
                observer.observe({ type: 'layout-shift', buffered: true });
                // Buffered entries arrive in the observer's first callback, before the second frame from now.
                requestAnimationFrame(() => requestAnimationFrame(() => { for (const e of observer.takeRecords()) total += e.value; observer.disconnect(); resolve(total); }));
            })
            """);
        Assert.True(shift < 0.01, $"cumulative layout shift {shift}");
        var box = await hero.BoundingBoxAsync();
        Assert.InRange(box!.Width / box.Height, 1600.0 / 900 - 0.02, 1600.0 / 900 + 0.02);

        // The page with its picture still passes axe-core and the Nu Html Checker.
        var violations = await AxeAudit.RunAsync(reader.Page);
        Assert.True(violations.Count == 0, AxeAudit.Describe("the article with a hero image", violations));
        var errors = (await NuHtmlChecker.CheckAsync(await reader.ServedHtmlAsync())).Where(m => m.Type is "error" or "non-document-error").ToList();
        Assert.True(errors.Count == 0, NuHtmlChecker.Describe(SitePages.Article, errors));
    }
}

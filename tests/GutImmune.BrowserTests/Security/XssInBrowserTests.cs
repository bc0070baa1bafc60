using System.Text.Json;
using GutImmune.BrowserTests.Site;
using GutImmune.Tests.Security;
using GutImmune.Web.Accounts;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Security;

/// <summary>
/// The XSS corpus in a real browser: an imported article holding every payload in every field is opened on the
/// reader pages and in the admin (where admin.js renders the live preview of the stored text into the page), and no
/// injected script may run. Every payload that could run sets window.__xss; others would open a dialog.
/// </summary>
[Collection(SiteInChromiumCollection.Name)]
public class XssInBrowserTests(SiteInChromium site)
{
    /// <summary>What the browser saw that only injected script could cause.</summary>
    private sealed class ScriptWatch
    {
        public List<string> Events { get; } = [];

        public ScriptWatch(IPage page, Uri site)
        {
            page.Dialog += async (_, dialog) =>
            {
                Events.Add($"{dialog.Type} dialog: {dialog.Message} on {page.Url}");
                await dialog.DismissAsync();
            };
            page.PageError += (_, error) => Events.Add($"uncaught error on {page.Url}: {error}");
            // Failed loads (the hero image on example.org is refused below) are not script; anything else is.
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource"))
                    Events.Add($"console error on {page.Url}: {message.Text}");
            };
            page.Request += (_, request) =>
            {
                if (request.ResourceType == "script" && !request.Url.StartsWith(new Uri(site, "/js/").ToString()))
                    Events.Add($"script requested on {page.Url}: {request.Url}");
            };
        }
    }

    private const string InspectDom = """
        () => {
            const own = s => s.type === "application/ld+json" || (s.src && new URL(s.src).origin === location.origin && new URL(s.src).pathname.startsWith("/js/"));
            const unsafe = v => /^(javascript|vbscript|livescript|data):/i.test((v || "").replace(/[\u0000-\u0020]/g, ""));
            const problems = [];
            if (typeof window.__xss !== "undefined") problems.push("window.__xss was set");
            for (const s of document.querySelectorAll("script")) if (!own(s)) problems.push("script: " + s.outerHTML.slice(0, 120));
            for (const e of document.querySelectorAll("*")) {
                for (const a of e.attributes) {
                    if (a.name.startsWith("on")) problems.push(e.localName + " has " + a.name);
                    if (["href", "src", "action", "formaction", "xlink:href"].includes(a.name) && unsafe(a.value)) problems.push(e.localName + " " + a.name + "=" + a.value);
                }
            }
            for (const e of document.querySelectorAll("iframe, object, embed, svg, math, base, style")) problems.push(e.localName + " element");
            return problems;
        }
        """;

    /// <summary>
    /// Resolves after the browser has rendered two frames and then run one more task: the focus of an autofocus
    /// element happens in a rendering step, and the error, load and toggle events queued before it have been
    /// dispatched by then.
    /// </summary>
    private const string TwoFramesRendered = """
        () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))))
        """;

    [Fact]
    public async Task Pages_holding_every_payload_run_no_injected_script_in_chromium()
    {
        var corpus = XssCorpus.Load();
        var article = await site.ImportAsync(corpus.ArticleFile("xss-in-browser"));
        var causes = article.Sections.Single(s => s.Slug == XssCorpus.CausesSlug);
        var first = article.Sections[0];

        await using var opened = await site.SignInAsync(Roles.Admin);
        var page = opened.Page;
        await opened.Context.RouteAsync(url => !url.StartsWith(site.Address.ToString()), route => route.AbortAsync());
        var watch = new ScriptWatch(page, site.Address);
        var admin = $"/admin/articles/{article.Id}";
        string[] paths =
        [
            "/articles/xss-in-browser",
            $"/articles/xss-in-browser/{first.Slug}",
            $"/articles/xss-in-browser/{XssCorpus.SectionSlug(corpus.Markdown.Count - 1)}",
            $"/articles/xss-in-browser/{XssCorpus.CausesSlug}",
            "/search?q=window+xss",
            "/topics",
            "/",
            admin,
            $"{admin}/preview",
            $"{admin}/sections/{first.Id}",
            $"{admin}/sections/{causes.Id}",
            $"{admin}/facts/{first.Facts[0].Id}",
            $"{admin}/causes/{causes.Causes[^1].Id}",
            $"{admin}/revisions",
        ];

        var seen = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.Equal(200, response!.Status);
            if (path == admin)
                await Assertions.Expect(page.Locator("#Disclaimer-preview")).ToContainTextAsync("window.__xss=1");
            foreach (var textarea in await page.Locator("textarea[data-preview]").AllAsync())
            {
                if ((await textarea.InputValueAsync()).Length > 0)
                    await Assertions.Expect(page.Locator("#" + await textarea.GetAttributeAsync("data-preview"))).Not.ToBeEmptyAsync();
            }
            // Event handlers such as onerror, ontoggle and onfocus fire after load: wait until they have had their turn.
            await page.WaitForFunctionAsync("() => [...document.images].every(image => image.complete)");
            await page.EvaluateAsync(TwoFramesRendered);
            var problems = await page.EvaluateAsync<JsonElement>(InspectDom);
            seen.AddRange(problems.EnumerateArray().Select(p => $"{path}: {p.GetString()}"));
        }

        Assert.Empty(watch.Events);
        Assert.Empty(seen);
    }
}

using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Site;

/// <summary>
/// A page the browser tests check: a short name for test reports, its path, the status it answers with, whether an
/// editor must be signed in, and whether only an admin may see it.
/// </summary>
public sealed record SitePage(string Name, string Path, int Status, bool SignedIn = false, bool AdminOnly = false);

/// <summary>
/// The pages every accessibility and HTML-validity check runs on, one line a page: a new reader or admin page joins
/// all those checks by being added here.
/// </summary>
public static class SitePages
{
    public const string Article = "/articles/gut-immune-system-connection";

    public static readonly IReadOnlyList<SitePage> All =
    [
        new("home", "/", 200),
        new("article", Article, 200),
        new("section view", Article + "/causes-of-gut-imbalance", 200),
        new("not found", "/articles/nope", 404),
        new("search results", "/search?q=antibiotics", 200),
        new("search without results", "/search?q=xylophonezebra", 200),
        new("search corrected", "/search?q=antibiotcs", 200),
        new("topics", "/topics", 200),
        new("topic", "/topics/gut-health", 200),
        new("people", "/people", 200),
        new("person", "/people/" + SiteInChromium.PersonSlug, 200),
        new("about (placeholder)", "/about", 200),
        new("editorial policy", "/editorial-policy", 200),
        new("contact", "/contact", 200),
        new("privacy", "/privacy", 200),
        new("html sitemap", "/sitemap", 200),
        new("review link", "/review/" + SiteInChromium.ReviewToken, 200),
        new("review link comments", "/review/" + SiteInChromium.ReviewToken + "/comments", 200),
        new("review link unknown", "/review/no-such-token", 404),
        new("admin sign-in", "/admin/sign-in", 200),
        new("admin form-only address visited", "/admin/articles/1/status", 405, SignedIn: true),
        new("admin dashboard", "/admin", 200, SignedIn: true),
        new("admin article edit", "/admin/articles/1", 200, SignedIn: true),
        new("admin write page", "/admin/articles/1/write", 200, SignedIn: true),
        new("admin section edit", "/admin/articles/1/sections/3", 200, SignedIn: true),
        new("admin articles", "/admin/articles", 200, SignedIn: true),
        new("admin articles filtered", "/admin/articles?q=gut&status=draft&page=x", 200, SignedIn: true),
        new("admin revisions", "/admin/articles/1/revisions", 200, SignedIn: true),
        new("admin review comments", "/admin/articles/1/comments", 200, SignedIn: true),
        new("admin fact edit", "/admin/articles/1/facts/1", 200, SignedIn: true),
        new("admin reference edit", "/admin/articles/1/citations/1", 200, SignedIn: true),
        new("admin reference import", "/admin/articles/1/citations/import", 200, SignedIn: true),
        new("admin audit log", "/admin/audit", 200, SignedIn: true, AdminOnly: true),
        new("admin audit log filtered", "/admin/audit?what=sign-in&from=2000-01-01&to=nonsense", 200, SignedIn: true, AdminOnly: true),
        new("admin users", "/admin/users", 200, SignedIn: true, AdminOnly: true),
        new("admin people", "/admin/people", 200, SignedIn: true),
        new("admin person new", "/admin/people/new", 200, SignedIn: true),
        new("admin person edit", "/admin/people/1", 200, SignedIn: true),
        new("confirm person delete", "/admin/people/1/delete", 200, SignedIn: true),
        new("admin site pages", "/admin/pages", 200, SignedIn: true),
        new("admin content report", "/admin/content-report", 200, SignedIn: true),
        new("admin content report sorted", "/admin/content-report?sort=title&direction=asc", 200, SignedIn: true),
        new("admin media library", "/admin/media", 200, SignedIn: true),
        new("admin media library search", "/admin/media?q=gradient", 200, SignedIn: true),
        new("admin media image", "/admin/media/1", 200, SignedIn: true),
        new("confirm media delete", "/admin/media/1/delete", 200, SignedIn: true),
        new("admin site page edit", "/admin/pages/editorial-policy", 200, SignedIn: true),
        new("admin search synonyms", "/admin/synonyms", 200, SignedIn: true),
        new("admin search synonym edit", "/admin/synonyms/1", 200, SignedIn: true),
        new("confirm section delete", "/admin/articles/1/sections/3/delete", 200, SignedIn: true),
        new("confirm fact delete", "/admin/articles/1/facts/1/delete", 200, SignedIn: true),
        new("confirm cause delete", "/admin/articles/1/causes/1/delete", 200, SignedIn: true),
        new("confirm cited reference delete", "/admin/articles/1/citations/1/delete", 200, SignedIn: true),
        new("confirm unpublish", "/admin/articles/1/unpublish", 200, SignedIn: true),
        new("confirm restore", "/admin/articles/1/revisions/1/restore", 200, SignedIn: true),
    ];

    public static SitePage Named(string name) => All.Single(page => page.Name == name);

    public static TheoryData<string> Names => [.. All.Select(page => page.Name)];

    public static TheoryData<string, ColorScheme> NamesInLightAndDark
    {
        get
        {
            var data = new TheoryData<string, ColorScheme>();
            foreach (var page in All)
            {
                data.Add(page.Name, ColorScheme.Light);
                data.Add(page.Name, ColorScheme.Dark);
            }
            return data;
        }
    }
}

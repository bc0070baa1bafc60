using AngleSharp.Dom;
using System.Text.RegularExpressions;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Admin;

/// <summary>
/// Admin links, form targets and redirects come from the routes (tag helpers, Url.Action, RedirectToAction), so a
/// route changes in one place; the flash message's TempData key lives only in FlashMessage. The generated addresses
/// are the ones editors, bookmarks and the other tests know.
/// </summary>
public partial class AdminLinkTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private static readonly string WebProject = Path.Combine(TestPaths.RepositoryRoot, "src", "GutImmune.Web");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs") || path.EndsWith(".cshtml"))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Append(Path.Combine(TestPaths.RepositoryRoot, "wwwroot", "js", "admin.js"));

    private static List<string> Offences(Regex pattern) =>
        [.. SourceFiles().SelectMany(path => File.ReadLines(path)
            .Select((line, i) => (line, i))
            .Where(l => pattern.IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(TestPaths.RepositoryRoot, path)}:{l.i + 1}: {l.line.Trim()}"))];

    // A typed-out admin address in a link, a form, a redirect or an interpolated string; route templates
    // ([HttpGet("/admin/...")]) are where the addresses are defined, so they stay.
    [GeneratedRegex("""(href|action)="/admin|Redirect\(\$?"/admin|\$"/admin|`/admin""")]
    private static partial Regex TypedAdminAddress();

    [GeneratedRegex("""TempData\[""")]
    private static partial Regex TempDataIndexer();

    [Fact]
    public void Admin_links_forms_and_redirects_are_generated_from_routes()
    {
        var offences = Offences(TypedAdminAddress());
        Assert.True(offences.Count == 0, "Generate these from routes (asp-controller/asp-action, Url.Action, RedirectToAction):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Only_FlashMessage_knows_the_TempData_key_of_the_flash_message()
    {
        var offences = Offences(TempDataIndexer());
        Assert.True(offences.Count == 0, "Use TempData.SetFlashMessage / TakeFlashMessage:\n" + string.Join("\n", offences));
    }

    [Fact]
    public async Task Generated_admin_links_keep_the_addresses_editors_know()
    {
        var admin = await StaffSession.SignInAsync(factory, Roles.Admin, Roles.Editor, Roles.Reviewer);
        var list = await admin.GetPageAsync("/admin/articles");
        var articleUrl = list.QuerySelectorAll("main a").First(a => a.TextContent == "The Gut-Immune System Connection").GetAttribute("href")!;
        Assert.Matches("^/admin/articles/[0-9]+$", articleUrl);
        var id = articleUrl.Split('/')[^1];

        var page = await admin.GetPageAsync(articleUrl);
        var hrefs = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToHashSet();
        var actions = page.QuerySelectorAll("form[action]").Select(f => f.GetAttribute("action")).ToHashSet();
        Assert.Superset(new HashSet<string?>
        {
            "/admin", "/admin/articles", "/admin/users", "/admin/audit", "/admin/account/password",
            $"/admin/articles/{id}/preview", $"/admin/articles/{id}/revisions", $"/admin/articles/{id}/export",
            $"/admin/articles/{id}/sections/new", $"/admin/articles/{id}/citations/new",
            "/articles/gut-immune-system-connection",
        }, hrefs);
        Assert.Contains(hrefs, h => Regex.IsMatch(h!, $"^/admin/articles/{id}/sections/[0-9]+/delete$"));
        Assert.Contains(hrefs, h => Regex.IsMatch(h!, $"^/admin/articles/{id}/citations/[0-9]+$"));
        Assert.Superset(new HashSet<string?> { "/admin/sign-out", $"/admin/articles/{id}", $"/admin/articles/{id}/review" }, actions);
        Assert.Contains(actions, a => Regex.IsMatch(a!, $"^/admin/articles/{id}/sections/[0-9]+/move$"));
        Assert.Equal($"/admin/articles/{id}/markdown-preview", page.QuerySelector("form[data-preview-url]")!.GetAttribute("data-preview-url"));

        var sectionUrl = page.QuerySelectorAll("a").First(a => a.TextContent.Contains("Interesting Facts")).GetAttribute("href")!;
        var section = await admin.GetPageAsync(sectionUrl);
        var sectionId = sectionUrl.Split('/')[^1];
        Assert.Equal(sectionUrl, section.QuerySelector("main form.form")!.GetAttribute("action"));
        Assert.Contains(section.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == $"/admin/articles/{id}/facts/new?sectionId={sectionId}");
        Assert.Contains(section.QuerySelectorAll("a[href]"), a => Regex.IsMatch(a.GetAttribute("href")!, $"^/admin/articles/{id}/facts/[0-9]+$"));
    }
}

using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using GutImmune.Web.Media;
using GutImmune.Web.People;
using GutImmune.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Site;

/// <summary>
/// One live site and one Debian Chromium, driven by Playwright, shared by every browser test (they run one after
/// another: the machine has two cores). Each page is opened in its own browser context, so no state leaks between tests.
/// </summary>
public sealed class SiteInChromium : IAsyncLifetime
{
    /// <summary>
    /// Debian's Chromium, not a Playwright download (browser downloads cannot work here). Without the
    /// background-networking flags Chromium keeps calling out to Google services, which the closed network refuses.
    /// </summary>
    private static readonly BrowserTypeLaunchOptions ChromiumLaunch = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    };

    private readonly LiveSite _site = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri Address => _site.Address;

    /// <summary>The address of the one profile the browser tests check (no profile is seeded: the site never invents people).</summary>
    public const string PersonSlug = "browser-test-reviewer";

    /// <summary>The token of a review link to the seed article that the page checks open (made here, as only its hash is stored).</summary>
    public const string ReviewToken = "browser-test-review-link-token-not-a-secret";

    public async Task InitializeAsync()
    {
        _site.StartServer();
        using (var scope = _site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();
            var seed = await db.Articles.WithContent().OrderBy(a => a.Id).FirstAsync();
            db.ReviewLinks.Add(new ReviewLink
            {
                ArticleId = seed.Id, TokenHash = ReviewLink.Hash(ReviewToken), ContentFingerprint = await ContentFingerprint.OfAsync(db, seed, CancellationToken.None), CreatedBy = "browser tests",
                CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(1),
            });
            db.People.Add(new Person
            {
                Slug = PersonSlug, Name = "Browser Test Reviewer", Credentials = "MD", Role = "Medical reviewer",
                Bio = "A profile made by the browser tests.\n\n# Background\n\nNothing here is about a real person.",
            });
            await db.SaveChangesAsync();
            // One library image (image 1), so the media pages have one to show.
            var upload = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UploadAsync("gradient.jpg", Gradient(800, 533),
                new MediaDetails("A gradient from dark blue to light green", null, "Browser tests", "CC0", 50, 50), default);
            var image = Assert.IsType<MediaSave.Saved>(upload);
            // The image is the reviewer's photo and the seed article's hero, so the pages show both (cards, header, people).
            (await db.People.SingleAsync(p => p.Slug == PersonSlug)).PhotoMediaId = image.Id;
            seed.HeroMediaId = image.Id;
            await scope.ServiceProvider.GetRequiredService<EditionPublisher>().PublishAsync(seed, null, default);
            await db.SaveChangesAsync();
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumLaunch);
    }

    /// <summary>A synthetic JPEG (a colour gradient), made here: the tests ship no pictures.</summary>
    public static byte[] Gradient(int width, int height)
    {
        using var xyz = NetVips.Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var r = x * (120.0 / width);
        using var g = y * (200.0 / height) + 40;
        using var b = (x + y) * (100.0 / (width + height)) + 120;
        using var rgb = r.Bandjoin(g, b);
        using var image = rgb.Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        return image.JpegsaveBuffer(q: 85);
    }

    /// <summary>Creates a staff account with a random password in the live site's database.</summary>
    public async Task<(string Email, string Password)> CreateAccountAsync(params string[] roles)
    {
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var password = PasswordGenerator.Generate();
        using var scope = _site.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, "Browser " + string.Join(" ", roles), password, roles);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return (email, password);
    }

    /// <summary>Imports an article file straight into the live site's database, as the seed import does.</summary>
    public async Task<Article> ImportAsync(string json)
    {
        using var scope = _site.Services.CreateScope();
        var result = ArticleFileReader.Read(json, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var outcome = await scope.ServiceProvider.GetRequiredService<ArticleEditor>().CreateAsync(result.Article!, "Imported by a browser test", default);
        Assert.IsType<EditOutcome.Saved>(outcome);
        return result.Article!;
    }

    /// <summary>Opens the sign-in page in a fresh context, signs in through the form as a new account with <paramref name="roles"/>, and returns the signed-in page.</summary>
    public Task<OpenedPage> SignInAsync(params string[] roles) => SignInAsync(ColorScheme.Light, 1280, roles);

    private async Task<OpenedPage> SignInAsync(ColorScheme colorScheme, int width, string[] roles)
    {
        var (email, password) = await CreateAccountAsync(roles);
        var opened = await OpenAsync("/admin/sign-in", width, colorScheme);
        // About one sign-in in 250 did not reach the dashboard within the navigation timeout in full runs (not yet
        // explained; never when run alone): try the form once more, and say where the browser was if that fails too.
        for (var attempt = 1; ; attempt++)
        {
            await opened.Page.GetByLabel("Email address").FillAsync(email);
            await opened.Page.GetByLabel("Password").FillAsync(password);
            await opened.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await opened.Page.WaitForURLAsync("**/admin", new() { Timeout = 30_000 });
                return opened;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                await opened.Page.GotoAsync("/admin/sign-in");
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"Signing in did not reach /admin; the browser is at {opened.Page.Url}: " +
                    await opened.Page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }), timeout);
            }
        }
    }

    /// <summary>
    /// Opens a page from <see cref="SitePages"/> <paramref name="width"/> pixels wide, signed in as an editor (and
    /// reviewer) when the page needs it, or as an admin for admin-only pages.
    /// </summary>
    public async Task<OpenedPage> OpenAsync(SitePage sitePage, ColorScheme colorScheme = ColorScheme.Light, int width = 1280)
    {
        if (!sitePage.SignedIn)
            return await OpenAsync(sitePage.Path, width, colorScheme);
        var opened = await SignInAsync(colorScheme, width, sitePage.AdminOnly ? [Roles.Admin] : [Roles.Editor, Roles.Reviewer]);
        var response = await opened.Page.GotoAsync(sitePage.Path);
        return new OpenedPage(opened, response);
    }

    /// <summary>An HTTP client for the live site, for what the server sends rather than what the browser shows.</summary>
    public HttpClient CreateClient() => _site.CreateClient();

    /// <summary>Opens <paramref name="path"/> in a fresh browser context with the given window width and colour scheme.</summary>
    public async Task<OpenedPage> OpenAsync(string path, int width = 1280, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            ColorScheme = colorScheme,
        });
        // A check that cannot find its element should fail well before Playwright's default 30 s, with room for a loaded CI machine;
        // a navigation (a sign-in hashes a password, then renders the dashboard) gets more room: one timed out at 20 s at load 15.
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        return new OpenedPage(context, page, response);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}

/// <summary>A page open in its own browser context, with the response it was served with; disposing closes it.</summary>
public sealed class OpenedPage(IBrowserContext context, IPage page, IResponse? response) : IAsyncDisposable
{
    public OpenedPage(OpenedPage earlier, IResponse? response) : this(earlier.Context, earlier.Page, response)
    {
    }

    public IBrowserContext Context => context;

    public IPage Page => page;

    public int Status => response?.Status ?? 0;

    /// <summary>The HTML exactly as the server sent it (not the DOM after scripts ran).</summary>
    public Task<string> ServedHtmlAsync() => response?.TextAsync() ?? Task.FromResult("");

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class SiteInChromiumCollection : ICollectionFixture<SiteInChromium>
{
    public const string Name = "Site in Chromium";
}

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

    public async Task InitializeAsync()
    {
        _site.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumLaunch);
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
        // A check that cannot find its element should fail in seconds, not after Playwright's default 30.
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        return new OpenedPage(context, page, response?.Status ?? 0);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        await _site.DisposeAsync();
    }
}

/// <summary>A page open in its own browser context, with the HTTP status it was served with; disposing closes it.</summary>
public sealed class OpenedPage(IBrowserContext context, IPage page, int status) : IAsyncDisposable
{
    public IPage Page => page;

    public int Status => status;

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class SiteInChromiumCollection : ICollectionFixture<SiteInChromium>
{
    public const string Name = "Site in Chromium";
}

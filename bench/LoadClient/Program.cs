using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

// Load client of bench/load: readers and one editor against a running GutImmune site, for a fixed time.
//   LoadClient <base-url> <seconds> <readers> <editor-email>   (the editor's password on standard input)
// Readers loop over the home, article, section and search pages as fast as the site answers; the editor signs in
// and saves a change to one section every second, then counts the article's revisions to prove none was lost.
// Warm-up, as wrk's: before the clock starts, each reader page is read once and the editor saves once, so that the
// percentiles are the steady state and not the runtime compiling the save path on its first use. The warm-up save is
// timed and printed on a row of its own, and its revision is counted with the others.
// Prints a Markdown report on standard output.

if (args.Length != 4 || !int.TryParse(args[1], out var seconds) || !int.TryParse(args[2], out var readerCount))
{
    Console.Error.WriteLine("usage: LoadClient <base-url> <seconds> <readers> <editor-email>  (password on stdin)");
    return 2;
}
var site = new Uri(args[0]);
var email = args[3];
var password = Console.In.ReadLine() ?? "";

const string ArticleSlug = "gut-immune-system-connection";
const string EditedSection = "Points to Remember";
string[] readerPages =
[
    "/",
    $"/articles/{ArticleSlug}",
    $"/articles/{ArticleSlug}/introduction",
    $"/articles/{ArticleSlug}/how-the-gut-and-immune-system-are-connected",
    $"/articles/{ArticleSlug}/interesting-facts",
    $"/articles/{ArticleSlug}/microbiome-benefits",
    $"/articles/{ArticleSlug}/causes-of-gut-imbalance",
    $"/articles/{ArticleSlug}/points-to-remember",
    "/search?q=antibiotics",
    "/search?q=microbiome",
    "/search?q=immune+system",
    "/search?q=probiotics+fiber",
];

// Readers share one connection pool, one connection each; like browsers they accept compressed responses.
using var readerClient = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = readerCount,
    AutomaticDecompression = DecompressionMethods.All,
    UseCookies = false,
})
{ BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };
using var editorClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
{ BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };

var editor = new Editor(editorClient, email, password, EditedSection);
var editorSetup = await editor.SignInAndFindSectionAsync();
if (editorSetup is not null)
{
    Console.Error.WriteLine($"editor: {editorSetup}");
    return 1;
}
var revisionsBefore = await editor.CountRevisionsAsync();
foreach (var page in readerPages)
    (await readerClient.GetAsync(page)).Dispose();
var warmUpSave = await editor.WarmUpAsync();

var statuses = new ConcurrentDictionary<string, int>();
var latencies = new ConcurrentBag<List<double>>();
var clock = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(seconds);

async Task ReadAsync(int reader)
{
    var random = new Random(reader);
    var mine = new List<double>(100_000);
    latencies.Add(mine);
    while (clock.Elapsed < deadline)
    {
        var path = readerPages[random.Next(readerPages.Length)];
        var started = clock.Elapsed;
        string outcome;
        try
        {
            using var response = await readerClient.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            outcome = ((int)response.StatusCode).ToString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcome = e.GetType().Name;
        }
        mine.Add((clock.Elapsed - started).TotalMilliseconds);
        statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }
}

var readers = Enumerable.Range(0, readerCount).Select(i => Task.Run(() => ReadAsync(i))).ToList();
var editing = Task.Run(() => editor.EditEverySecondAsync(clock, deadline));
await Task.WhenAll(readers.Append(editing));
var elapsed = clock.Elapsed.TotalSeconds;
var revisionsAfter = await editor.CountRevisionsAsync();

var all = latencies.SelectMany(l => l).Order().ToList();
double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
var readerRequests = statuses.Values.Sum();
var readerErrors = statuses.Where(s => s.Key is not ("200")).ToList();
var saves = editor.SaveLatencies.Order().ToList();

Console.WriteLine($"| figure | value |");
Console.WriteLine($"|---|---:|");
Console.WriteLine($"| duration | {elapsed:F1} s, {readerCount} readers + 1 editor |");
Console.WriteLine($"| total requests | {readerRequests + editor.Requests} ({readerRequests} reader, {editor.Requests} editor) |");
Console.WriteLine($"| reader requests/s | {readerRequests / elapsed:F0} |");
Console.WriteLine($"| reader errors by status | {(readerErrors.Count == 0 ? "none" : string.Join(", ", readerErrors.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}")))} |");
Console.WriteLine($"| reader latency p50 / p99 / max | {Percentile(all, 0.50):F1} ms / {Percentile(all, 0.99):F1} ms / {all.LastOrDefault():F1} ms |");
Console.WriteLine($"| editor errors by status | {(editor.Errors.IsEmpty ? "none" : string.Join(", ", editor.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}")))} |");
Console.WriteLine($"| editor save latency p50 / p99 / max | {Percentile(saves, 0.50):F1} ms / {Percentile(saves, 0.99):F1} ms / {saves.LastOrDefault():F1} ms |");
Console.WriteLine($"| editor warm-up save (before the clock, not in the percentiles) | {warmUpSave:F1} ms |");
Console.WriteLine($"| edits saved / revisions added | {editor.Saved} / {revisionsAfter - revisionsBefore} |");
return readerErrors.Count == 0 && editor.Errors.IsEmpty && editor.Saved == revisionsAfter - revisionsBefore ? 0 : 3;

/// <summary>One editor driving the admin's HTML forms as a browser would (antiforgery token, version field).</summary>
sealed partial class Editor(HttpClient client, string email, string password, string sectionHeading)
{
    private string _articleUrl = "";
    private string _sectionUrl = "";
    private string _originalBody = "";

    public int Requests { get; private set; }
    public int Saved { get; private set; }
    public List<double> SaveLatencies { get; } = [];
    public ConcurrentDictionary<string, int> Errors { get; } = new();

    [GeneratedRegex(""""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken"[\s/>]"""")]
    private static partial Regex Token();

    [GeneratedRegex(""""<input[^>]*name="Version"[^>]*value="(\d+)"|<input[^>]*value="(\d+)"[^>]*name="Version"[\s/>]"""")]
    private static partial Regex Version();

    [GeneratedRegex("""<textarea[^>]*name="Body"[^>]*>\r?\n?([^<]*)</textarea>""")]
    private static partial Regex Body();

    private static string Group(Match m) => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        Requests++;
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
    {
        Requests++;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in and finds the section to edit; returns what went wrong, or null.</summary>
    public async Task<string?> SignInAndFindSectionAsync()
    {
        var (_, signIn) = await GetAsync("/admin/sign-in");
        using var signedIn = await PostAsync("/admin/sign-in", new()
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = Group(Token().Match(signIn)),
        });
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            return $"sign-in answered {(int)signedIn.StatusCode}";
        var (_, list) = await GetAsync("/admin/articles");
        var article = Regex.Match(list, """href="(/admin/articles/\d+)">The Gut-Immune System Connection<""");
        if (!article.Success)
            return "the seed article is not in the admin's list";
        _articleUrl = article.Groups[1].Value;
        var (_, articlePage) = await GetAsync(_articleUrl);
        var section = Regex.Match(articlePage, $"""href="({Regex.Escape(_articleUrl)}/sections/\d+)">{Regex.Escape(sectionHeading)}<""");
        if (!section.Success)
            return $"no section “{sectionHeading}” on {_articleUrl}";
        _sectionUrl = section.Groups[1].Value;
        var (_, form) = await GetAsync(_sectionUrl);
        _originalBody = WebUtility.HtmlDecode(Body().Match(form).Groups[1].Value);
        return _originalBody.Length == 0 ? "the section's text was not found in its form" : null;
    }

    public async Task<int> CountRevisionsAsync()
    {
        var (_, html) = await GetAsync(_articleUrl + "/revisions");
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return Regex.Count(body, "<tr>");
    }

    /// <summary>The first save, made before the measured run; returns its latency (ms) and keeps it out of the percentiles.</summary>
    public async Task<double> WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        await EditAsync(clock, 0);
        var latency = SaveLatencies.Count == 0 ? double.NaN : SaveLatencies[^1]; // a failed save is in Errors
        SaveLatencies.Clear();
        return latency;
    }

    /// <summary>Opens the section's form and saves a changed text, once a second until the deadline.</summary>
    public async Task EditEverySecondAsync(Stopwatch clock, TimeSpan deadline)
    {
        for (var n = 1; clock.Elapsed < deadline; n++)
        {
            await EditAsync(clock, n);
            var next = TimeSpan.FromSeconds(n);
            if (next >= deadline)
                break;
            if (next > clock.Elapsed)
                await Task.Delay(next - clock.Elapsed);
        }
    }

    private async Task EditAsync(Stopwatch clock, int n)
    {
        try
        {
            var (status, form) = await GetAsync(_sectionUrl);
            if (status != HttpStatusCode.OK)
            {
                Errors.AddOrUpdate($"GET {(int)status}", 1, (_, c) => c + 1);
                return;
            }
            var started = clock.Elapsed;
            using var response = await PostAsync(_sectionUrl, new()
            {
                ["__RequestVerificationToken"] = Group(Token().Match(form)),
                ["Version"] = Group(Version().Match(form)),
                ["Heading"] = WebUtility.HtmlDecode(Group(Field("Heading").Match(form))),
                ["Slug"] = WebUtility.HtmlDecode(Group(Field("Slug").Match(form))),
                ["Kind"] = SelectedKind().Match(form).Groups[1].Value,
                ["Body"] = $"{_originalBody}\n\nLoad-test edit {n}.",
            });
            SaveLatencies.Add((clock.Elapsed - started).TotalMilliseconds);
            if (response.StatusCode == HttpStatusCode.Redirect)
                Saved++;
            else
                Errors.AddOrUpdate($"POST {(int)response.StatusCode}", 1, (_, c) => c + 1);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Errors.AddOrUpdate(e.GetType().Name, 1, (_, c) => c + 1);
        }
    }

    private static Regex Field(string name) => new($""""<input[^>]*name="{name}"[^>]*value="([^"]*)"|<input[^>]*value="([^"]*)"[^>]*name="{name}"[\s/>]"""");

    [GeneratedRegex("""<option value="(\w+)" selected""")]
    private static partial Regex SelectedKind();
}

using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Media;
using GutImmune.Web.Accounts;

namespace GutImmune.Tests.Performance;

/// <summary>
/// What an article shows of its library images is part of the content a review signs off, so the review's decisions read
/// those images: once a request on the edit page, and once for all the articles the dashboard weighs, however many.
/// </summary>
public class ReviewImageReadTests(SqlCommandRecorder.Site site) : IClassFixture<SqlCommandRecorder.Site>
{
    private static readonly Dictionary<string, string> Clinician = new()
    {
        ["Name"] = "Dr Jane Roe", ["Credentials"] = "MD, gastroenterologist", ["Confirmed"] = "true",
    };

    /// <summary>A draft whose only section shows the library image <paramref name="imageId"/>; returns its admin address.</summary>
    private static async Task<string> NewDraftShowingAsync(StaffSession editor, string slug, int imageId)
    {
        var created = await editor.SubmitAsync("/admin/articles/new", "main form", new()
        {
            ["Title"] = "Images read " + slug, ["Slug"] = slug, ["Summary"] = "A synthetic article made by a test.", ["AuthorName"] = "Test Author",
        });
        var adminUrl = created.Headers.Location!.OriginalString;
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl + "/sections/new", "main form",
            new() { ["Heading"] = "Only section", ["Body"] = $"Synthetic body text.\n\n![Greens again](media:{imageId})" }));
        return adminUrl;
    }

    /// <summary>The queries that read library images by id (the edit form's list of images to choose from is ordered, and left out).</summary>
    private static List<string> PictureReads(SqlCommandRecorder recorder) =>
        recorder.Commands.Select(c => c.Text)
            .Where(text => text.Contains("FROM \"MediaImages\"", StringComparison.Ordinal) && !text.Contains("ORDER BY", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task The_dashboard_reads_the_library_images_of_all_the_articles_it_weighs_in_one_query()
    {
        var maker = await StaffSession.SignInAsync(site, Roles.Editor);
        var imageId = await MediaLibraryTests.UploadOkAsync(maker, "images-read.jpg", TestImages.Jpeg(640, 480), "Greens in a colander");
        string[] slugs = ["images-read-1", "images-read-2", "images-read-3"];
        foreach (var slug in slugs)
        {
            var adminUrl = await NewDraftShowingAsync(maker, slug, imageId);
            await maker.FollowAsync(await maker.SubmitAsync(adminUrl, "form:has(button[value=submit])", [], "button[value=submit]"));
            var made = await StaffSession.ParseAsync(await maker.SubmitAsync(adminUrl, "form.review-link-form", []));
            var link = new Uri(made.QuerySelector<IHtmlInputElement>("#review-link-address")!.Value).AbsolutePath;
            var clinician = new StaffSession(site.CreateBrowserClient());
            await clinician.FollowAsync(await clinician.SubmitAsync(link, "form.review-form", Clinician));
        }

        using var recorder = new SqlCommandRecorder(site.DatabaseName);
        var dashboard = await maker.GetPageAsync("/admin");

        var awaiting = dashboard.QuerySelector("#awaiting-another-editor")!.ParentElement!.TextContent;
        Assert.All(slugs, slug => Assert.Contains("Images read " + slug, awaiting));
        var reads = PictureReads(recorder);
        Assert.True(reads.Count == 1, $"{reads.Count} reads:\n\n" + string.Join("\n\n", reads));
    }

    [Fact]
    public async Task A_live_articles_edit_page_reads_its_library_images_once()
    {
        var editor = await StaffSession.SignInAsync(site, Roles.Editor, Roles.Reviewer);
        var imageId = await MediaLibraryTests.UploadOkAsync(editor, "images-read-live.jpg", TestImages.Jpeg(600, 400), "Greens on a board");
        var adminUrl = await NewDraftShowingAsync(editor, "images-read-live", imageId);
        await editor.ReviewAndPublishAsync(adminUrl);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, $"form[action='{adminUrl}']", new() { ["Summary"] = "A change readers do not see yet." }));

        using var recorder = new SqlCommandRecorder(site.DatabaseName);
        var page = await editor.GetPageAsync(adminUrl);

        Assert.NotNull(page.QuerySelector("#changes-heading"));
        var reads = PictureReads(recorder);
        Assert.True(reads.Count == 1, $"{reads.Count} reads:\n\n" + string.Join("\n\n", reads));
    }
}

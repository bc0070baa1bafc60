using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Media;

/// <summary>
/// An exported article's library images when the file is imported: found in the importing site's library by what
/// identifies them (the uploaded file's hash), never taken by their number alone. Each test has sites of its own, so
/// that the numbers the images get are known.
/// </summary>
public class ImageImportTests
{
    private const string SourceAlt = "A gradient, as described where it was exported";
    private static readonly byte[] Gradient = TestImages.Jpeg(640, 420);

    [Fact]
    public async Task An_export_describes_each_image_it_shows_and_imported_on_its_own_site_changes_nothing()
    {
        using var site = new GutImmuneFactory();
        var (editor, adminUrl, json, id) = await ExportWithImageAsync(site);

        var image = Assert.Single(JsonNode.Parse(json)!["images"]!.AsArray())!;
        Assert.Equal(id, (int)image["mediaId"]!);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Gradient)), (string?)image["uploadHash"]);
        Assert.Equal(SourceAlt, (string?)image["alt"]);
        Assert.Equal("gradient.jpg", (string?)image["fileName"]);

        var response = await editor.ImportAsync("same-site.json", json);

        Assert.Contains("nothing changed", (await editor.FollowAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(json, await editor.Client.GetStringAsync(adminUrl + "/export"));
    }

    [Fact]
    public async Task An_import_is_refused_whole_when_this_library_lacks_its_image_even_if_another_has_its_number()
    {
        using var source = new GutImmuneFactory();
        var (_, _, json, sourceId) = await ExportWithImageAsync(source);
        using var target = new GutImmuneFactory();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(target);
        var unrelated = await MediaLibraryTests.UploadOkAsync(editor, "red-square.png", TestImages.Png(300, 300), "Unrelated red square");
        Assert.Equal(sourceId, unrelated);
        var before = await editor.Client.GetStringAsync(adminUrl + "/export");

        var response = await editor.ImportAsync("exported.json", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = (await StaffSession.ParseAsync(response)).QuerySelectorAll(".error-summary li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("heroImage.mediaId: ", problems[0]);
        Assert.Matches(@"^Section \d+, body: ", problems[1]);
        Assert.All(problems, problem =>
        {
            Assert.Contains($"“{SourceAlt}” (gradient.jpg) is not in this site's media library: upload it to the library first", problem);
            Assert.DoesNotContain("red square", problem);
        });
        Assert.Equal(before, await editor.Client.GetStringAsync(adminUrl + "/export"));
    }

    [Fact]
    public async Task An_import_takes_the_same_image_uploaded_here_under_another_number_with_this_sites_alt_text()
    {
        using var source = new GutImmuneFactory();
        var (_, _, json, sourceId) = await ExportWithImageAsync(source);
        using var target = new GutImmuneFactory();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(target);
        Assert.Equal(sourceId, await MediaLibraryTests.UploadOkAsync(editor, "red-square.png", TestImages.Png(300, 300), "Unrelated red square"));
        var local = await MediaLibraryTests.UploadOkAsync(editor, "same-gradient.jpg", Gradient, "The same gradient, as described on this site");

        await StaffSession.AssertRedirectedAsync(await editor.ImportAsync("exported.json", json));

        var imported = JsonNode.Parse(await editor.Client.GetStringAsync(adminUrl + "/export"))!;
        Assert.Equal(local, (int)imported["heroImage"]!["mediaId"]!);
        var body = imported["sections"]!.AsArray().Select(s => (string)s!["body"]!).Single(b => b.Contains("media:"));
        Assert.Contains($"![](media:{local})", body);
        Assert.DoesNotContain($"media:{sourceId})", body);
        var alts = (await editor.GetPageAsync(adminUrl + "/preview")).QuerySelectorAll("picture img").Select(img => img.GetAttribute("alt")).ToList();
        Assert.Equal(2, alts.Count);
        Assert.All(alts, alt => Assert.Equal("The same gradient, as described on this site", alt));
    }

    [Fact]
    public async Task An_image_uploaded_before_uploads_were_hashed_is_found_by_its_cleaned_original()
    {
        using var source = new GutImmuneFactory();
        var (sourceEditor, sourceUrl, _, sourceId) = await ExportWithImageAsync(source);
        await source.WithServiceAsync<GutImmuneDbContext, int>(db =>
            db.MediaImages.Where(m => m.Id == sourceId).ExecuteUpdateAsync(set => set.SetProperty(m => m.UploadHash, (string?)null)));
        var json = await sourceEditor.Client.GetStringAsync(sourceUrl + "/export");
        Assert.Null(JsonNode.Parse(json)!["images"]![0]!["uploadHash"]);
        using var target = new GutImmuneFactory();
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(target);
        Assert.Equal(sourceId, await MediaLibraryTests.UploadOkAsync(editor, "red-square.png", TestImages.Png(300, 300), "Unrelated red square"));
        var local = await MediaLibraryTests.UploadOkAsync(editor, "same-gradient.jpg", Gradient, "The same gradient, as described on this site");

        await StaffSession.AssertRedirectedAsync(await editor.ImportAsync("older.json", json));

        Assert.Equal(local, (int)JsonNode.Parse(await editor.Client.GetStringAsync(adminUrl + "/export"))!["heroImage"]!["mediaId"]!);
    }

    /// <summary>On <paramref name="site"/>, the gradient uploaded as the seed article's hero and shown in its introduction, then the article exported.</summary>
    private static async Task<(StaffSession Editor, string AdminUrl, string Json, int ImageId)> ExportWithImageAsync(GutImmuneFactory site)
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(site);
        var id = await MediaLibraryTests.UploadOkAsync(editor, "gradient.jpg", Gradient, SourceAlt);
        await editor.FollowAsync(await editor.SubmitAsync(adminUrl, MediaLibraryTests.DetailsForm, new() { ["HeroMediaId"] = id.ToString() }));
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Introduction");
        await editor.FollowAsync(await editor.SubmitAsync(sectionUrl, "main form", new() { ["Body"] = $"The gut, in one picture.\n\n![](media:{id})" }));
        return (editor, adminUrl, await editor.Client.GetStringAsync(adminUrl + "/export"), id);
    }
}

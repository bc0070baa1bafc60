using System.Net;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Media;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// `Media:Storage=S3` against a real S3-compatible server (s3rver on loopback, started by tests/run.sh): two instances of
/// the site on one database, each with its own (empty) disk folder, share the library's files through the bucket.
/// </summary>
public class S3MediaStoreTests
{
    [S3Fact]
    public async Task An_image_uploaded_through_one_instance_is_served_and_deleted_through_the_other()
    {
        using var first = S3Site();
        using var second = S3Site(first.DatabasePath);
        var editor = await StaffSession.SignInAsync(first, Roles.Editor);
        // A size of its own: files are content-addressed, so no other test's upload shares them.
        var width = 500 + Random.Shared.Next(400);
        var id = await MediaLibraryTests.UploadOkAsync(editor, "shared.jpg", TestImages.JpegWithGps(width, 400), "A shared gradient");
        var fingerprint = await first.WithServiceAsync<GutImmuneDbContext, string>(async db => (await db.MediaImages.SingleAsync(m => m.Id == id)).Fingerprint);

        var response = await second.CreateClient().GetAsync($"/media/{fingerprint}/{width}.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.False(TestImages.HasExifOrGps(await response.Content.ReadAsByteArrayAsync()));
        Assert.False(Directory.Exists(first.MediaFolder), "the first instance wrote to its disk instead of S3");

        var other = await StaffSession.SignInAsync(second, Roles.Editor);
        var confirm = await other.GetPageAsync($"/admin/media/{id}/delete");
        await StaffSession.AssertRedirectedAsync(await other.SubmitAsync(confirm, "form.confirm-form", []));
        Assert.Equal(HttpStatusCode.NotFound, (await first.CreateClient().GetAsync($"/media/{fingerprint}/{width}.jpg")).StatusCode);
    }

    private static GutImmuneFactory S3Site(string? sharedDatabase = null)
    {
        var site = new GutImmuneFactory();
        site.Settings["Media:Storage"] = "S3";
        site.Settings["Media:S3:ServiceUrl"] = TestServices.S3;
        site.Settings["Media:S3:Bucket"] = "gutimmune-media";
        // s3rver's fixed test credentials.
        site.Settings["Media:S3:AccessKey"] = "S3RVER";
        site.Settings["Media:S3:SecretKey"] = "S3RVER";
        if (sharedDatabase is not null)
            site.Settings["ConnectionStrings:Default"] = $"Data Source={sharedDatabase}";
        return site;
    }
}

using System.Net;
using System.Text;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Admin;

/// <summary>Revisions are stored compressed, and with <c>Revisions:KeepLatest</c> old drafts are dropped while what was published, reviewed or sent back stays.</summary>
public class RevisionStorageTests
{
    [Fact]
    public async Task Snapshots_are_stored_compressed_in_less_than_half_their_json_length()
    {
        using var factory = new GutImmuneFactory();

        var (revision, plainRows) = await factory.WithServiceAsync<GutImmuneDbContext, (ArticleRevision, int)>(async db => (
            await db.Revisions.AsNoTracking().SingleAsync(),
            await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM "Revisions" WHERE "Snapshot" IS NOT NULL""").SingleAsync()));

        var json = revision.ReadSnapshot();
        Assert.Equal(0, plainRows);
        Assert.StartsWith("{", json);
        Assert.Contains("\"title\": \"The Gut-Immune System Connection\"", json);
        var jsonBytes = Encoding.UTF8.GetByteCount(json);
        Assert.True(revision.CompressedSnapshot!.Length * 2 < jsonBytes, $"{revision.CompressedSnapshot.Length:N0} bytes stored for {jsonBytes:N0} bytes of JSON");
    }

    private const string DraftArticle = """
        {
          "slug": "retention", "title": "Retention", "summary": "Version 1.", "author": { "name": "A. Writer" }, "status": "draft",
          "sections": [ { "slug": "one", "heading": "One", "kind": "prose", "body": "Claim.[1]" } ],
          "citations": [ { "number": 1, "authors": "Doe J.", "title": "A study", "source": "J Test", "year": 2020 } ]
        }
        """;

    [Fact]
    public async Task Retention_drops_old_drafts_but_keeps_published_reviewed_and_changes_requested_revisions_and_the_latest()
    {
        using var factory = new GutImmuneFactory { Settings = { ["Revisions:KeepLatest"] = "2" } };
        var created = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor =>
            editor.CreateAsync(ArticleFileReader.Read(DraftArticle, DateTime.UtcNow).Article!, "Created", default));
        var (id, version, _) = (EditOutcome.Saved)created;
        async Task SaveAsync(string summary, Action<Article>? change = null)
        {
            var outcome = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.EditAsync(id, version, summary, article =>
            {
                article.Summary = summary;
                change?.Invoke(article);
                return null;
            }, default));
            version = Assert.IsType<EditOutcome.Saved>(outcome).Version;
        }
        Task<List<int>> VersionsAsync() => factory.WithServiceAsync<GutImmuneDbContext, List<int>>(db =>
            db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync());

        await SaveAsync("Version 2.");
        await SaveAsync("Version 3.");
        await SaveAsync("Version 4, reviewed.", a => (a.LastReviewedOn, a.ReviewedBy) = (new DateOnly(2026, 11, 2), "Dr. Reviewer"));
        await SaveAsync("Version 5.");
        await SaveAsync("Version 6, published.", a => (a.Status, a.PublishedAt) = (ArticleStatus.Published, DateTime.UtcNow.AddMinutes(-1)));
        await SaveAsync("Version 7, still published.");
        await SaveAsync("Version 8, unpublished.", a => a.Status = ArticleStatus.Unpublished);
        await SaveAsync("Version 9, changes requested.", a => a.Status = ArticleStatus.ChangesRequested);
        await SaveAsync("Version 10.", a => a.Status = ArticleStatus.Draft);

        Assert.Equal([4, 6, 7, 9, 10], await VersionsAsync());

        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        Assert.Equal(5, (await editor.GetPageAsync($"/admin/articles/{id}/revisions")).QuerySelectorAll("tbody tr").Length);
        var diff = await editor.GetPageAsync($"/admin/articles/{id}/revisions/compare?from=4&to=10");
        Assert.Contains("Version 10.", diff.QuerySelector(".diff ins")!.TextContent);
        Assert.Contains("Version 4, reviewed.", diff.QuerySelector(".diff del")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync($"/admin/articles/{id}/revisions/compare?from=3&to=10")).StatusCode);

        var restored = await factory.WithServiceAsync<ArticleEditor, EditOutcome>(e => e.RestoreAsync(id, version, 4, default));

        Assert.Equal(11, Assert.IsType<EditOutcome.Saved>(restored).Version);
        // The request for changes stays: it takes back the sign-offs before it.
        Assert.Equal([4, 6, 7, 9, 10, 11], await VersionsAsync());
        Assert.Contains("Version 4, reviewed.", await editor.Client.GetStringAsync($"/admin/articles/{id}/export"));
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Search;

public class SynonymAdminTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    private async Task<IHtmlDocument> SearchAsync(string query) =>
        new HtmlParser().ParseDocument(await factory.CreateClient().GetStringAsync($"/search?q={Uri.EscapeDataString(query)}"));

    [Fact]
    public async Task An_editor_adds_changes_and_deletes_a_synonym_group_each_change_audited_and_used_by_search_at_once()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        Assert.NotNull((await SearchAsync("tummybugs")).QuerySelector(".no-results"));

        var list = await editor.FollowAsync(await editor.SubmitAsync("/admin/synonyms", "main form", new() { ["NewGroup.Phrases"] = "Tummy-bugs, Propionibacterium" }));
        var link = list.QuerySelectorAll(".synonym-groups a").Single(a => a.TextContent == "tummy bugs, propionibacterium");
        Assert.Contains(link.TextContent, list.QuerySelector(".synonym-groups")!.TextContent);
        Assert.Contains((await SearchAsync("tummy bugs")).QuerySelectorAll(".search-results mark"), m => m.TextContent == "Propionibacterium");

        var edit = link.GetAttribute("href")!;
        await editor.FollowAsync(await editor.SubmitAsync(edit, "main form", new() { ["Group.Phrases"] = "tummy bugs, Staphylococcus" }));
        Assert.Contains((await SearchAsync("tummy bugs")).QuerySelectorAll(".search-results mark"), m => m.TextContent == "Staphylococcus");

        await editor.FollowAsync(await editor.SubmitAsync(edit, "form[action$='/delete']", []));
        Assert.NotNull((await SearchAsync("tummy bugs")).QuerySelector(".no-results"));
        await editor.GetPageAsync(edit, HttpStatusCode.NotFound);

        var audited = await factory.WithServiceAsync<GutImmuneDbContext, List<string>>(db => db.AuditEntries
            .Where(e => e.Action == AuditLog.Actions.SynonymsChanged).OrderBy(e => e.Id).Select(e => e.Target + " | " + e.Details).ToListAsync());
        Assert.Equal(["tummy bugs, propionibacterium | added", "tummy bugs, staphylococcus | was: tummy bugs, propionibacterium",
            "tummy bugs, staphylococcus | deleted"], audited);
    }

    [Theory]
    [InlineData("", "Enter at least two phrases")]
    [InlineData("microbiome", "at least two different phrases")]
    [InlineData("gut, GUT, ;;", "at least two different phrases")]
    [InlineData("a b c d e f, g", "at most 5 words")]
    public async Task A_group_that_cannot_be_one_is_refused_on_its_field_and_nothing_is_saved(string phrases, string message)
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var before = await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.SynonymGroups.CountAsync());

        var response = await editor.SubmitAsync("/admin/synonyms", "main form", new() { ["NewGroup.Phrases"] = phrases });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#NewGroup_Phrases")!.PreviousElementSibling!.TextContent);
        Assert.Contains(message, page.QuerySelector(".error-summary a[href='#NewGroup_Phrases']")!.TextContent);
        Assert.Equal(before, await factory.WithServiceAsync<GutImmuneDbContext, int>(db => db.SynonymGroups.CountAsync()));
    }

    [Fact]
    public async Task Editing_or_deleting_a_group_that_is_not_there_is_not_found()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor);
        var page = await editor.GetPageAsync("/admin/synonyms");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await editor.GetPageAsync("/admin/synonyms/999999", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.PostAsync("/admin/synonyms/999999/delete",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
    }
}

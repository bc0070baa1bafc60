using System.Net;
using GutImmune.Tests.Admin;

namespace GutImmune.Tests.Performance;

/// <summary>What an editor's save costs the database: bench/targets measures its latency with 50 readers, this its round trips.</summary>
public class SaveCostTests(SqlCommandRecorder.Site factory) : IClassFixture<SqlCommandRecorder.Site>
{
    [Fact]
    public async Task Saving_a_section_checks_its_session_and_its_slug_in_one_command_each_and_does_not_look_up_its_unchanged_topics()
    {
        var (editor, adminUrl) = await StaffSession.EditorWithSeedArticleAsync(factory);
        var sectionUrl = StaffSession.LinkTo(await editor.GetPageAsync(adminUrl), "Points to Remember");
        var form = await editor.GetPageAsync(sectionUrl);
        var body = form.QuerySelector("textarea[name=Body]")!.TextContent;

        using var recorder = new SqlCommandRecorder(factory.DatabaseName);
        var response = await editor.SubmitAsync(form, "form[data-preview-url]", new() { ["Body"] = body.Trim() + "\n\nOne more sentence." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Not the scheduled-publication eviction's, which reads the editions due since its last look in the background.
        var commands = recorder.Commands.Select(c => c.Text).Where(c => !c.Contains("\"PublishedAt\" <= @", StringComparison.Ordinal)).ToList();
        var listing = $"{commands.Count} commands:\n\n" + string.Join("\n\n", commands);
        // The slug is free of other articles, of their published addresses and of their former addresses: one command.
        Assert.Single(commands, c => c.Contains("\"SlugRedirects\"", StringComparison.Ordinal) || c.Contains("\"ReaderEditions\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("FROM \"Topics\"", StringComparison.Ordinal));
        // The session is checked against the account alone: its roles, claims and role claims are not read again.
        Assert.Single(commands, c => c.Contains("\"AspNet", StringComparison.Ordinal));
        Assert.DoesNotContain("GutImmune.Auth=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
        // The session (1), the article with its sections, facts, causes, references and topics (6), the slug (1), revisions
        // from before compression (1), and the writes: article, revision, section (3).
        Assert.True(commands.Count <= 12, listing);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Content;
using GutImmune.Web.Reading;

namespace GutImmune.Tests.Reading;

/// <summary>
/// BibTeX and RIS downloads carry whatever editors typed as text: a value can neither close its field and add others,
/// nor run LaTeX commands, nor start a new RIS tag.
/// </summary>
public partial class ReferenceExportTests
{
    /// <summary>Closes the author field, adds a url and a note that reads a file when the bibliography is typeset.</summary>
    private const string Injection = @"X}, url = {https://evil.example}, note = {\input{/etc/passwd}}";

    internal static readonly string[] Hostile =
    [
        Injection,
        @"Y}}, note = {\write18{rm -rf ~}",
        "Z{ unbalanced",
        "50% of $5 & #1 in_snake ~ ^ \\ { }",
        "Line one\r\nUR  - https://evil.example\nER  - ",
    ];

    private static Citation HostileCitation(string text, int number = 1) => new()
    {
        Number = number, Kind = CitationKind.JournalArticle, Authors = new([text], false), Title = text, Source = text, Volume = text, Issue = text,
        Pages = text, Year = 2020, Doi = "10.1000/" + text, Url = "https://example.org/" + text,
    };

    private static ArticleHeader HostileHeader(string text) => new("hostile", text, text, text, null, null, null, null,
        new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc), null, null, null, []);

    /// <summary>One BibTeX entry read as BibTeX reads it: a field's braced value ends where its braces balance, whatever backslashes precede them.</summary>
    internal static (string Type, string Key, Dictionary<string, string> Fields, string After) ParseEntry(string bib)
    {
        var match = EntryStart().Match(bib);
        Assert.True(match.Success, bib);
        var fields = new Dictionary<string, string>();
        var i = match.Length;
        while (true)
        {
            while (i < bib.Length && char.IsWhiteSpace(bib[i]))
                i++;
            if (bib[i] == '}')
                return (match.Groups[1].Value, match.Groups[2].Value, fields, bib[(i + 1)..]);
            var name = FieldName().Match(bib, i);
            Assert.True(name.Success && name.Index == i, $"expected a field at: {bib[i..]}");
            i += name.Length;
            string value;
            if (bib[i] == '{')
            {
                var depth = 0;
                var start = i;
                do
                {
                    depth += bib[i] switch { '{' => 1, '}' => -1, _ => 0 };
                    i++;
                } while (depth > 0);
                value = bib[(start + 1)..(i - 1)];
            }
            else
            {
                var start = i;
                while (char.IsAsciiLetterOrDigit(bib[i]))
                    i++;
                value = bib[start..i];
            }
            Assert.True(fields.TryAdd(name.Groups[1].Value, value), $"field {name.Groups[1].Value} twice");
            while (char.IsWhiteSpace(bib[i]))
                i++;
            if (bib[i] == ',')
                i++;
        }
    }

    [GeneratedRegex(@"^@(\w+)\{([^,\s]+),")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"(\w+) = ")]
    private static partial Regex FieldName();

    /// <summary>The LaTeX commands the escaping writes; any other command came from the text.</summary>
    [GeneratedRegex(@"\\(?!textbackslash\{\}|textbraceleft\{\}|textbraceright\{\}|textasciitilde\{\}|textasciicircum\{\}|[&%$#_])")]
    private static partial Regex ForeignCommand();

    internal static void AssertOnlyEscapedText(string value) =>
        Assert.False(ForeignCommand().IsMatch(value), $"a LaTeX command from the text: {value}");

    [Fact]
    public void Reference_list_bibtex_keeps_every_hostile_value_inside_its_own_field()
    {
        var bib = ReferenceExport.ReferencesBibTex("hostile", Hostile.Select((text, i) => HostileCitation(text, i + 1)));

        var rest = bib;
        for (var i = 0; i < Hostile.Length; i++)
        {
            var (type, key, fields, after) = ParseEntry(rest.TrimStart());
            Assert.Equal("article", type);
            Assert.Equal($"hostile-ref{i + 1}", key);
            Assert.Equal(["author", "title", "journal", "year", "volume", "number", "pages", "doi", "url"], fields.Keys);
            Assert.All(fields.Values, AssertOnlyEscapedText);
            Assert.StartsWith("{", fields["author"]); // a name that is not a surname with initials stays one name
            Assert.DoesNotContain("\n", string.Concat(fields.Values));
            rest = after;
        }
        Assert.Equal("", rest.Trim());
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Cite_this_page_bibtex_keeps_a_hostile_author_and_title_inside_their_fields(string text)
    {
        var (_, key, fields, rest) = ParseEntry(ReferenceExport.ArticleBibTex(HostileHeader(text), "https://gutimmune.example/articles/hostile", new DateOnly(2026, 2, 1)));

        Assert.Equal("gutimmune-hostile", key);
        Assert.Equal(["author", "title", "howpublished", "year", "month", "url", "urldate"], fields.Keys);
        Assert.Equal("jan", fields["month"]);
        Assert.All(fields.Values, AssertOnlyEscapedText);
        Assert.Equal("", rest.Trim());
    }

    [Fact]
    public void Escaped_text_reads_back_as_typed()
    {
        var (_, _, fields, _) = ParseEntry(ReferenceExport.ArticleBibTex(HostileHeader("50% of $5 & #1 in_snake ~ ^ \\ { }"), "https://x.example/", new DateOnly(2026, 2, 1)));

        Assert.Equal(@"50\% of \$5 \& \#1 in\_snake \textasciitilde{} \textasciicircum{} \textbackslash{} \textbraceleft{} \textbraceright{}", fields["title"]);
    }

    public static TheoryData<string> HostileTexts => new(Hostile);

    [Fact]
    public void Ris_values_cannot_start_a_new_tag()
    {
        var ris = ReferenceExport.ReferencesRis(Hostile.Select((text, i) => HostileCitation(text, i + 1)))
            + ReferenceExport.ArticleRis(HostileHeader(Hostile[^1]), "https://x.example/", new DateOnly(2026, 2, 1));

        var lines = ris.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^[A-Z][A-Z0-9]  - ", line));
        Assert.Equal(Hostile.Length + 1, lines.Count(l => l.StartsWith("TY  - ")));
        Assert.Equal(Hostile.Length + 1, lines.Count(l => l == "ER  - "));
        Assert.Equal(Hostile.Length + 1, lines.Count(l => l.StartsWith("UR  - ")));
        Assert.DoesNotContain(lines, l => l.StartsWith("UR  - https://evil.example"));
    }
}

/// <summary>The downloads readers get: an imported article whose author and references hold an injection attempt.</summary>
public class ReferenceDownloadTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [Fact]
    public async Task Cite_bib_and_references_bib_keep_an_injected_author_inside_its_field()
    {
        var editor = await StaffSession.SignInAsync(factory, Roles.Editor, Roles.Reviewer);
        var citations = new JsonArray(ReferenceExportTests.Hostile.Select((text, i) => (JsonNode)new JsonObject
        {
            ["number"] = i + 1, ["authors"] = text, ["title"] = text, ["source"] = text, ["year"] = 2020,
        }).ToArray());
        var file = new JsonObject
        {
            ["slug"] = "bibtex-injection",
            ["title"] = ReferenceExportTests.Hostile[1],
            ["summary"] = "Injection attempts in BibTeX fields.",
            ["author"] = new JsonObject { ["name"] = ReferenceExportTests.Hostile[0] },
            ["status"] = "published",
            ["publishedAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("O"),
            ["sections"] = new JsonArray(new JsonObject { ["slug"] = "only", ["heading"] = "Only", ["kind"] = "prose", ["body"] = "Text.[1]" }),
            ["citations"] = citations,
        };
        var imported = await editor.ImportAsync("bibtex.json", file.ToJsonString());
        await StaffSession.AssertRedirectedAsync(imported);
        await editor.ReviewAndPublishAsync(imported.Headers.Location!.OriginalString); // a file never publishes by itself
        var client = factory.CreateClient();

        var (_, _, page, after) = ReferenceExportTests.ParseEntry(await client.GetStringAsync("/articles/bibtex-injection/cite.bib"));
        Assert.Equal(["author", "title", "howpublished", "year", "month", "url", "urldate"], page.Keys);
        Assert.Equal("", after.Trim());

        var rest = await client.GetStringAsync("/articles/bibtex-injection/references.bib");
        for (var i = 0; i < ReferenceExportTests.Hostile.Length; i++)
        {
            var (_, key, fields, next) = ReferenceExportTests.ParseEntry(rest.TrimStart());
            Assert.Equal($"bibtex-injection-ref{i + 1}", key);
            Assert.Equal(["author", "title", "journal", "year"], fields.Keys);
            Assert.All(fields.Values, ReferenceExportTests.AssertOnlyEscapedText);
            rest = next;
        }
        Assert.Equal("", rest.Trim());
    }
}

using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.Security;

/// <summary>
/// Every page, reader and admin, that shows an article holding the XSS corpus (however it got there): each must be
/// inert, each plain-text payload must read back as the same text, and the payloads must really be there.
/// </summary>
public sealed class XssArticlePages(GutImmuneFactory factory, StaffSession admin, XssCorpus corpus)
{
    private readonly HttpClient _reader = factory.CreateClient();

    public async Task<string> GetInertAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        InertHtml.Assert(html, url);
        return html;
    }

    /// <summary>Every page of the article <paramref name="slug"/>, its sections, facts, causes and references.</summary>
    public async Task AssertAllInertAsync(string slug)
    {
        var ids = await factory.WithServiceAsync<GutImmuneDbContext, ArticleIds>(async db =>
        {
            var article = await db.Articles.AsNoTracking().Include(a => a.Sections).ThenInclude(s => s.Facts)
                .Include(a => a.Sections).ThenInclude(s => s.Causes).Include(a => a.Citations).AsSplitQuery()
                .SingleAsync(a => a.Slug == slug);
            return new ArticleIds(article.Id, article.Version, article.Sections, article.Citations.Select(c => c.Id).ToList());
        });
        var facts = ids.Sections.SelectMany(s => s.Facts).ToList();
        var causes = ids.Sections.SelectMany(s => s.Causes).ToList();
        Assert.Equal(corpus.Markdown.Count, facts.Count);
        Assert.Equal(corpus.Markdown.Count, causes.Count);

        AssertReaderArticle(await GetInertAsync(_reader, $"/articles/{slug}"), ids.Sections);
        foreach (var section in ids.Sections)
            await GetInertAsync(_reader, $"/articles/{slug}/{section.Slug}");
        await GetInertAsync(_reader, "/");
        await GetInertAsync(_reader, "/search?q=window+xss");
        await GetInertAsync(_reader, "/search?q=script");
        var topics = new HtmlParser().ParseDocument(await GetInertAsync(_reader, "/topics"));
        foreach (var name in corpus.TopicNames)
        {
            var link = topics.QuerySelectorAll("main a").SingleOrDefault(a => a.TextContent.Trim() == name);
            Assert.True(link is not null, $"no topic link reads {name}");
            await GetInertAsync(_reader, link.GetAttribute("href")!);
        }
        AssertFeed(await _reader.GetStringAsync("/feed.xml"), slug);

        var id = ids.ArticleId;
        foreach (var url in new[] { "/admin", "/admin/articles", $"/admin/articles/{id}", $"/admin/articles/{id}/preview",
                     $"/admin/articles/{id}/revisions", $"/admin/articles/{id}/revisions/compare?from=1&to={ids.Version}", "/admin/audit" })
            await GetInertAsync(admin.Client, url);
        foreach (var section in ids.Sections)
            await GetInertAsync(admin.Client, $"/admin/articles/{id}/sections/{section.Id}");
        foreach (var fact in facts)
            await GetInertAsync(admin.Client, $"/admin/articles/{id}/facts/{fact.Id}");
        foreach (var cause in causes)
            await GetInertAsync(admin.Client, $"/admin/articles/{id}/causes/{cause.Id}");
        foreach (var citation in ids.CitationIds)
            await GetInertAsync(admin.Client, $"/admin/articles/{id}/citations/{citation}");
    }

    /// <summary>The payloads are on the page (nothing was dropped on the way in), and every plain-text one reads back as itself.</summary>
    private void AssertReaderArticle(string html, IReadOnlyList<Section> sections)
    {
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(corpus.Plain(0), page.QuerySelector("main h1")!.TextContent);
        Assert.Equal($"{corpus.Plain(0)} | GutImmune", page.Title);
        Assert.Equal(corpus.Plain(1), page.QuerySelector(".standfirst")!.TextContent);
        Assert.Equal(corpus.Plain(1), page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Contains(corpus.Plain(2), page.QuerySelector(".byline")!.TextContent);
        Assert.Contains(corpus.Plain(3), page.QuerySelector(".byline")!.TextContent);
        Assert.Equal(XssCorpus.HeroImageUrl, page.QuerySelector(".hero img")!.GetAttribute("src"));
        Assert.Equal(corpus.Plain(4), page.QuerySelector(".hero img")!.GetAttribute("alt"));
        Assert.Equal(corpus.Plain(5), page.QuerySelector(".hero figcaption")!.TextContent);
        Assert.Equal(corpus.TopicNames.Order(), page.QuerySelectorAll(".topics a").Select(a => a.TextContent).Order());

        foreach (var section in sections)
        {
            var element = page.GetElementById(section.Slug);
            Assert.True(element is not null, $"section {section.Slug} is missing from the article page");
            Assert.Equal(section.Heading, element.QuerySelector("h2")!.TextContent);
        }
        Assert.Equal(corpus.Markdown.Count, page.QuerySelectorAll("ul.facts > li").Length);
        Assert.Equal(Enumerable.Range(0, corpus.Markdown.Count).Select(corpus.CauseTitle), page.QuerySelectorAll(".cause > h3:first-child").Select(h => h.TextContent));
        Assert.NotNull(page.QuerySelector("aside.disclaimer"));

        var references = page.QuerySelectorAll(".references li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, references.Count);
        for (var n = 1; n <= 3; n++)
        {
            Assert.Contains(corpus.Plain(n), references[n - 1]);
            Assert.Contains(corpus.Plain(n + 1), references[n - 1]);
            Assert.Contains(XssCorpus.Doi, references[n - 1]);
        }
        Assert.All(page.QuerySelectorAll(".references a[href^='https://doi.org/']"),
            a => Assert.Equal("https://doi.org/" + XssCorpus.Doi, a.GetAttribute("href")));
        Assert.Contains(page.QuerySelectorAll(".references a"), a => a.GetAttribute("href") == XssCorpus.CitationUrl);

        using var structuredData = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(corpus.Plain(0), structuredData.RootElement.GetProperty("name").GetString());
        Assert.Equal(corpus.Plain(1), structuredData.RootElement.GetProperty("description").GetString());
    }

    /// <summary>The Atom feed is XML: a payload must come out as the text of its element, never as markup.</summary>
    private void AssertFeed(string xml, string slug)
    {
        var atom = XNamespace.Get("http://www.w3.org/2005/Atom");
        var entry = XDocument.Parse(xml).Root!.Elements(atom + "entry")
            .Single(e => e.Elements(atom + "link").Any(l => ((string?)l.Attribute("href"))?.EndsWith($"/articles/{slug}") == true));
        Assert.Equal(corpus.Plain(0), entry.Element(atom + "title")!.Value);
        Assert.DoesNotContain(entry.Descendants(), e => e.Name.Namespace != atom);
    }

    private sealed record ArticleIds(int ArticleId, int Version, IReadOnlyList<Section> Sections, IReadOnlyList<int> CitationIds);
}

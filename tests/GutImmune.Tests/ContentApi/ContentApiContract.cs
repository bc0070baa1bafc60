using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GutImmune.Tests.Reading;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.ContentApi;

/// <summary>
/// What every endpoint of the content API promises, run on SQLite (<see cref="ContentApiTests"/>) and on PostgreSQL
/// (<see cref="PostgresContentApiTests"/>): only what readers see, as published; cursor pages that visit every article
/// once in each order; schema.org documents; problem details for every refusal, and never a 5xx for hostile values.
/// </summary>
public abstract class ContentApiContract(ContentApiSite site)
{
    protected const string SeedSlug = "gut-immune-system-connection";

    protected HttpClient Client => site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    protected async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IEnumerable<string> Slugs(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("identifier").GetString()!);

    private Task<int> PublishedAsync(string slug, string topic, DateTime? publishedAt = null, string body = "Synthetic text.") =>
        SyntheticArticles.CreateAsync(site, slug, $"Api test {slug}", ArticleStatus.Published, publishedAt ?? DateTime.UtcNow.AddMinutes(-5), [topic], body);

    /// <summary>Sets what a published edition says about its dates (arranging data the workflow would take days to make).</summary>
    private Task SetEditionDatesAsync(int articleId, DateTime updatedAt, DateOnly? reviewed, DateOnly? due) =>
        site.WithServiceAsync<GutImmuneDbContext, int>(db => db.ReaderEditions.Where(e => e.ArticleId == articleId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.UpdatedAt, updatedAt).SetProperty(x => x.LastReviewedOn, reviewed).SetProperty(x => x.NextReviewDue, due)));

    protected async Task Unpublished_scheduled_and_working_copy_content_never_appear()
    {
        var topic = "api-visibility-" + Guid.NewGuid().ToString("N")[..8];
        var live = await PublishedAsync($"{topic}-live", topic, body: "Published words.");
        await SyntheticArticles.CreateAsync(site, $"{topic}-draft", "Api test draft", ArticleStatus.Draft, null, [topic]);
        await PublishedAsync($"{topic}-scheduled", topic, publishedAt: DateTime.UtcNow.AddDays(2));
        // The live article's working copy changes; readers (and the API) keep seeing what was published.
        await site.WithServiceAsync<GutImmuneDbContext, int>(async db =>
            await db.Articles.Where(a => a.Id == live).ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Working copy title"))
            + await db.Sections.Where(s => s.ArticleId == live).ExecuteUpdateAsync(s => s.SetProperty(x => x.Body, "Working copy words.")));

        var list = await GetJsonAsync($"/api/v1/articles?topic={topic}");
        Assert.Equal([$"{topic}-live"], Slugs(list));
        Assert.Equal($"Api test {topic}-live", list.GetProperty("items")[0].GetProperty("name").GetString());
        var article = await GetJsonAsync($"/api/v1/articles/{topic}-live");
        Assert.Equal($"Api test {topic}-live", article.GetProperty("name").GetString());
        Assert.Equal("Published words.", article.GetProperty("hasPart")[0].GetProperty("markdown").GetString());
        Assert.Equal("Published words.", (await GetJsonAsync($"/api/v1/articles/{topic}-live/sections/text")).GetProperty("markdown").GetString());
        foreach (var hidden in new[] { $"{topic}-draft", $"{topic}-scheduled" })
        {
            var problem = await GetJsonAsync($"/api/v1/articles/{hidden}", HttpStatusCode.NotFound);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains("Published articles are listed at /api/v1/articles", problem.GetProperty("detail").GetString());
            await GetJsonAsync($"/api/v1/articles/{hidden}/sections/text", HttpStatusCode.NotFound);
        }
        var topics = await GetJsonAsync("/api/v1/topics");
        var entry = topics.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("identifier").GetString() == topic);
        Assert.Equal(1, entry.GetProperty("articleCount").GetInt32());
    }

    protected async Task Cursor_pages_visit_every_article_once_in_each_order_with_ties_broken_by_id()
    {
        var topic = "api-paging-" + Guid.NewGuid().ToString("N")[..8];
        var noon = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        // Equal modification times, equal review dates and missing ones: the tiebreak and the nulls-last rule are needed.
        (DateTime Updated, DateOnly? Reviewed, DateOnly? Due)[] dates =
        [
            (noon, new(2026, 2, 1), new(2027, 2, 1)),
            (noon, new(2026, 2, 1), null),
            (noon.AddHours(1), null, new(2026, 12, 1)),
            (noon.AddHours(-1), new(2026, 1, 1), new(2026, 12, 1)),
            (noon, null, null),
            (noon.AddHours(2), new(2026, 2, 1), new(2027, 2, 1)),
            (noon.AddHours(-2), new(2025, 6, 1), new(2026, 6, 1)),
        ];
        var rows = new List<(string Slug, int Id, DateTime Updated, DateOnly? Reviewed, DateOnly? Due)>();
        for (var i = 0; i < dates.Length; i++)
        {
            var id = await PublishedAsync($"{topic}-{i}", topic);
            await SetEditionDatesAsync(id, dates[i].Updated, dates[i].Reviewed, dates[i].Due);
            rows.Add(($"{topic}-{i}", id, dates[i].Updated, dates[i].Reviewed, dates[i].Due));
        }

        var expected = new Dictionary<string, IEnumerable<string>>
        {
            ["dateModified"] = rows.OrderByDescending(r => r.Updated).ThenBy(r => r.Id).Select(r => r.Slug),
            ["lastReviewed"] = rows.OrderBy(r => r.Reviewed is null).ThenByDescending(r => r.Reviewed).ThenBy(r => r.Id).Select(r => r.Slug),
            ["nextReview"] = rows.OrderBy(r => r.Due is null).ThenBy(r => r.Due).ThenBy(r => r.Id).Select(r => r.Slug),
        };
        foreach (var (order, slugs) in expected)
        {
            var walked = new List<string>();
            var url = $"/api/v1/articles?topic={topic}&orderBy={order}&limit=2";
            for (var pages = 0; url is not null; pages++)
            {
                Assert.True(pages < 10, "the cursor never ends");
                var page = await GetJsonAsync(url);
                walked.AddRange(Slugs(page));
                url = page.GetProperty("next").GetString() is { } next ? new Uri(next).PathAndQuery : null;
            }
            Assert.Equal(slugs.ToList(), walked);
        }
    }

    protected async Task Filters_narrow_by_topic_modification_review_and_due_dates()
    {
        var topic = "api-filters-" + Guid.NewGuid().ToString("N")[..8];
        var early = await PublishedAsync($"{topic}-early", topic);
        await SetEditionDatesAsync(early, new DateTime(2026, 1, 10, 8, 0, 0, DateTimeKind.Utc), new(2026, 1, 5), new(2026, 7, 5));
        var late = await PublishedAsync($"{topic}-late", topic);
        await SetEditionDatesAsync(late, new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), new(2026, 3, 5), new(2027, 3, 5));

        Assert.Equal([$"{topic}-late"], Slugs(await GetJsonAsync($"/api/v1/articles?topic={topic}&modifiedSince=2026-02-01T00:00:00Z")));
        Assert.Equal([$"{topic}-late"], Slugs(await GetJsonAsync($"/api/v1/articles?topic={topic}&reviewedSince=2026-03-05")));
        Assert.Equal([$"{topic}-early"], Slugs(await GetJsonAsync($"/api/v1/articles?topic={topic}&reviewDueBefore=2026-12-31")));
        Assert.Empty(Slugs(await GetJsonAsync($"/api/v1/articles?topic={topic}&reviewDueBefore=2026-01-01")));
        Assert.Empty(Slugs(await GetJsonAsync("/api/v1/articles?topic=no-such-topic")));
        var item = (await GetJsonAsync($"/api/v1/articles?topic={topic}&orderBy=nextReview")).GetProperty("items")[0];
        Assert.Equal("2026-01-05", item.GetProperty("lastReviewed").GetString());
        Assert.Equal("2026-07-05", item.GetProperty("nextReview").GetString());
        Assert.Equal("2026-01-10T08:00:00Z", item.GetProperty("dateModified").GetString());
        Assert.Equal($"https://localhost/articles/{topic}-early", item.GetProperty("url").GetString());
    }

    protected async Task Article_is_a_MedicalWebPage_with_sections_references_and_terms()
    {
        var slug = "api-references-" + Guid.NewGuid().ToString("N")[..8];
        await site.WithServiceAsync<ArticleEditor, EditOutcome>(editor => editor.CreateAsync(new Article
        {
            Slug = slug, Title = "Api references", Summary = "An article with structured references.", AuthorName = "Dr Test",
            AuthorCredentials = "MD", Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1),
            Disclaimer = "Not *advice*.",
            Topics = [new Topic { Slug = "api-references", Name = "Api references" }],
            Sections =
            [
                new Section { Slug = "facts", Heading = "Facts", Kind = SectionKind.FactList, Body = "Some **facts**.[1]", Facts = [new Fact { Text = "A fact.[2]" }] },
                new Section { Slug = "causes", Heading = "Causes", Kind = SectionKind.CauseList, Body = "Causes.", Causes = [new Cause { Title = "Stress", Description = "It *matters*.[2]" }] },
            ],
            Citations =
            [
                new Citation { Number = 1, Authors = new(["Smith J"], false), Title = "A trial", Source = "Gut", Year = 2020, Volume = "69", Issue = "2", Pages = "1-9", Doi = "10.1136/gutjnl-2019-1", Pmid = "31234567" },
                new Citation { Number = 2, Kind = CitationKind.WebPage, Authors = new(["NHS"], false), Title = "Stress", Url = "https://www.nhs.uk/stress", AccessedOn = new DateOnly(2026, 1, 2) },
            ],
        }, "Made by a test", default));

        var article = await GetJsonAsync($"/api/v1/articles/{slug}");

        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("MedicalWebPage", article.GetProperty("@type").GetString());
        Assert.Equal($"https://localhost/articles/{slug}", article.GetProperty("url").GetString());
        Assert.Equal("Dr Test", article.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(ContentApiSite.Attribution, article.GetProperty("creditText").GetString());
        Assert.Equal(ContentApiSite.License, article.GetProperty("license").GetString());
        Assert.Equal("api-references", article.GetProperty("about")[0].GetProperty("identifier").GetString());
        var facts = article.GetProperty("hasPart")[0];
        Assert.Equal("factList", facts.GetProperty("kind").GetString());
        Assert.Equal("Some **facts**.[1]", facts.GetProperty("markdown").GetString());
        Assert.Contains("<strong>facts</strong>", facts.GetProperty("html").GetString());
        Assert.Contains("href=\"#ref-1\"", facts.GetProperty("html").GetString());
        Assert.Equal("A fact.[2]", facts.GetProperty("facts")[0].GetProperty("markdown").GetString());
        var cause = article.GetProperty("hasPart")[1].GetProperty("causes")[0];
        Assert.Equal("Stress", cause.GetProperty("name").GetString());
        Assert.Contains("<em>matters</em>", cause.GetProperty("html").GetString());
        var trial = article.GetProperty("citation")[0];
        Assert.Equal("ScholarlyArticle", trial.GetProperty("@type").GetString());
        Assert.Equal("10.1136/gutjnl-2019-1", trial.GetProperty("doi").GetString());
        Assert.Equal("31234567", trial.GetProperty("pmid").GetString());
        Assert.Equal(["https://doi.org/10.1136/gutjnl-2019-1", "https://pubmed.ncbi.nlm.nih.gov/31234567/"],
            trial.GetProperty("sameAs").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("WebPage", article.GetProperty("citation")[1].GetProperty("@type").GetString());
        Assert.Contains("<em>advice</em>", article.GetProperty("disclaimer").GetProperty("html").GetString());

        var section = await GetJsonAsync($"/api/v1/articles/{slug}/sections/causes");
        Assert.Equal("WebPageElement", section.GetProperty("@type").GetString());
        Assert.Equal($"https://localhost/articles/{slug}/causes", section.GetProperty("url").GetString());
        Assert.Equal(slug, section.GetProperty("isPartOf").GetProperty("identifier").GetString());
        Assert.Equal([2], section.GetProperty("citation").EnumerateArray().Select(c => c.GetProperty("position").GetInt32()));
        await GetJsonAsync($"/api/v1/articles/{slug}/sections/no-such-section", HttpStatusCode.NotFound);
    }

    protected async Task Bad_query_values_are_answered_400_naming_the_parameter()
    {
        var cursor = (await GetJsonAsync("/api/v1/articles?limit=1")).GetProperty("nextCursor").GetString();
        (string Query, string Parameter)[] cases =
        [
            ("orderBy=title", "orderBy"), ("limit=0", "limit"), ("limit=101", "limit"), ("limit=-1", "limit"), ("limit=ten", "limit"),
            ("modifiedSince=yesterday", "modifiedSince"), ("reviewedSince=2026-13-01", "reviewedSince"), ("reviewDueBefore=01/02/2026", "reviewDueBefore"),
            ("cursor=not-a-cursor", "cursor"), ($"cursor={cursor}&orderBy=nextReview", "cursor"), ("topic=" + new string('t', 300), "topic"),
        ];
        foreach (var (query, parameter) in cases)
        {
            var response = await Client.GetAsync($"/api/v1/articles?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{query}: {problem}");
        }
    }

    protected async Task Hostile_values_never_get_a_server_error()
    {
        string[] hostile =
        [
            new string('A', 5_000), string.Concat(Enumerable.Repeat("é€😀\u0301", 500)), "-1", "-9223372036854775809", "99999999999999999999999",
            "' OR 1=1 --", "\"; DROP TABLE ReaderEditions; --", "%00", "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "0001-01-01", "9999-12-31T23:59:59+14:00",
            // Cursors that decode: values past DateTime's range, a negative id, a huge number.
            Convert.ToBase64String("{\"O\":0,\"V\":9223372036854775807,\"I\":1}"u8.ToArray()).TrimEnd('='),
            Convert.ToBase64String("{\"O\":1,\"V\":-5,\"I\":-1}"u8.ToArray()).TrimEnd('='),
            Convert.ToBase64String("{\"O\":2,\"V\":1e400,\"I\":1}"u8.ToArray()).TrimEnd('='),
        ];
        string[] parameters = ["topic", "modifiedSince", "reviewedSince", "reviewDueBefore", "orderBy", "cursor", "limit"];
        foreach (var value in hostile)
        {
            var encoded = Uri.EscapeDataString(value);
            var urls = parameters.Select(p => $"/api/v1/articles?{p}={encoded}")
                .Concat([$"/api/v1/articles/{encoded}", $"/api/v1/articles/{SeedSlug}/sections/{encoded}", $"/api/v1/{encoded}"]);
            foreach (var url in urls)
            {
                var response = await Client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
                // A slug with capitals is sent to its lower-case address, as a reader page's is.
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.MovedPermanently)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    /// <summary>A good value of each query parameter with a control or replacement character added: each is refused, by name.</summary>
    protected async Task Control_characters_in_any_query_value_are_answered_400_naming_the_parameter()
    {
        var cursor = (await GetJsonAsync("/api/v1/articles?limit=1")).GetProperty("nextCursor").GetString();
        var valid = new Dictionary<string, string>
        {
            ["topic"] = "gut-health", ["modifiedSince"] = "2025-01-31T09:00:00Z", ["reviewedSince"] = "2025-01-31", ["reviewDueBefore"] = "2025-01-31",
            ["orderBy"] = "dateModified", ["limit"] = "1",
        };
        if (cursor is not null)
            valid["cursor"] = cursor;
        foreach (var (parameter, value) in valid)
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/v1/articles?{parameter}={Uri.EscapeDataString(value)}")).StatusCode);
            foreach (var added in new[] { "%00", "%01", "%0A", "%7F", "%C2%85", "%ED%A0%80", "%EF%BF%BF" })
            {
                var url = $"/api/v1/articles?{parameter}={Uri.EscapeDataString(value)}{added}";
                var problem = await GetJsonAsync(url, HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{url}: {problem}");
            }
        }
    }

    /// <summary>Each parameter given twice with good values (the same one too), and three times: the message says so, not that the value is bad.</summary>
    protected async Task Repeated_query_parameters_are_answered_400_saying_how_often_they_were_given()
    {
        var cursor = (await GetJsonAsync("/api/v1/articles?limit=1")).GetProperty("nextCursor").GetString()!;
        (string Parameter, string First, string Second)[] cases =
        [
            ("limit", "1", "2"), ("limit", "1", "1"), ("topic", "gut-health", "microbiome"), ("modifiedSince", "2025-01-31T09:00:00Z", "2025-02-01T09:00:00Z"),
            ("reviewedSince", "2025-01-31", "2025-01-31"), ("reviewDueBefore", "2025-01-31", "2026-01-31"), ("orderBy", "dateModified", "lastReviewed"),
            ("cursor", cursor, cursor),
        ];
        foreach (var (parameter, first, second) in cases)
        {
            var url = $"/api/v1/articles?{parameter}={Uri.EscapeDataString(first)}&{parameter}={Uri.EscapeDataString(second)}";
            var problem = await GetJsonAsync(url, HttpStatusCode.BadRequest);
            Assert.Equal([$"Given twice: send {parameter} once."], problem.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()));
        }
        var thrice = await GetJsonAsync("/api/v1/articles?limit=1&limit=2&limit=3", HttpStatusCode.BadRequest);
        Assert.Equal("Given 3 times: send limit once.", thrice.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    /// <summary>
    /// The list is paged by cursor: a page number (a client guessing) is refused saying there is no such page and where the
    /// first page is, not answered with the first page again; a cursor past the last article is an empty last page.
    /// </summary>
    protected async Task A_page_number_is_answered_400_saying_there_is_no_such_page_and_where_the_first_page_is()
    {
        foreach (var (query, asked) in new[] { ("page=999", "page 999"), ("page=2&limit=1", "page 2"), ("page=1", "page 1"), ("page=1&page=2", "numbered page") })
        {
            var problem = await GetJsonAsync($"/api/v1/articles?{query}", HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty("page")[0].GetString();
            Assert.StartsWith($"There is no {asked} of this list: it is paged by cursor, not by number. Its first page is /api/v1/articles ", message);
            Assert.Contains("each page's next is the address of the page after it", message);
        }
        var lastArticle = new ArticleCursor(ArticleOrder.DateModified, 0, int.MaxValue).Encode();
        var pastTheEnd = await GetJsonAsync($"/api/v1/articles?cursor={lastArticle}");
        Assert.Empty(pastTheEnd.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, pastTheEnd.GetProperty("next").ValueKind);
    }

    protected async Task Addresses_with_capitals_or_a_trailing_slash_answer_301_to_the_lower_case_address_keeping_the_query()
    {
        foreach (var (asked, canonical) in new[]
        {
            ("/api/v1/articles/Gut-Immune-System-Connection?x=1&y=%C3%A9", $"/api/v1/articles/{SeedSlug}?x=1&y=%C3%A9"),
            ($"/api/v1/articles/{SeedSlug.ToUpperInvariant()}/sections/Causes-Of-Gut-Imbalance?x=1", $"/api/v1/articles/{SeedSlug}/sections/causes-of-gut-imbalance?x=1"),
            ($"/api/v1/articles/{SeedSlug}/", $"/api/v1/articles/{SeedSlug}"),
        })
        {
            var moved = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, asked) { Headers = { { "Origin", "https://clinic.example" } } });
            Assert.True(moved.StatusCode == HttpStatusCode.MovedPermanently, $"{asked}: {(int)moved.StatusCode}");
            Assert.Equal(canonical, moved.Headers.Location!.OriginalString);
            // A script on another site may follow it.
            Assert.Equal("*", moved.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(canonical)).StatusCode);
        }
    }

    protected async Task Answers_are_cacheable_conditional_cross_origin_and_answer_head()
    {
        var url = $"/api/v1/articles/{SeedSlug}";
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Origin", "https://clinic.example" } } };
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var etag = response.Headers.ETag ?? throw new InvalidOperationException("no ETag");

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/articles")
        {
            Headers = { { "Origin", "https://clinic.example" }, { "Access-Control-Request-Method", "GET" }, { "Access-Control-Request-Headers", "x-api-key" } },
        };
        var allowed = await Client.SendAsync(preflight);
        Assert.True(allowed.IsSuccessStatusCode, $"preflight: {(int)allowed.StatusCode}");
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        // Each refusal says what to do instead.
        foreach (var (method, missing, status, advice) in new[]
        {
            (HttpMethod.Get, "/api/v1/no-such-thing", HttpStatusCode.NotFound, "articles are listed at /api/v1/articles, and /openapi/v1.json describes every address"),
            (HttpMethod.Get, "/api/v1", HttpStatusCode.NotFound, "articles are listed at /api/v1/articles"),
            (HttpMethod.Post, "/api/v1/articles", HttpStatusCode.MethodNotAllowed, "The content API is read-only: this address answers GET, HEAD"),
        })
        {
            var refused = await Client.SendAsync(new HttpRequestMessage(method, missing) { Content = method == HttpMethod.Post ? new StringContent("{}") : null });
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.Contains(advice, problem.GetProperty("detail").GetString());
        }
    }
}

public class ContentApiTests(ContentApiSite site) : ContentApiContract(site), IClassFixture<ContentApiSite>
{
    [Fact] public Task Api_never_shows_unpublished_scheduled_or_working_copy_content() => Unpublished_scheduled_and_working_copy_content_never_appear();
    [Fact] public Task Api_cursor_pages_visit_every_article_once_in_each_order() => Cursor_pages_visit_every_article_once_in_each_order_with_ties_broken_by_id();
    [Fact] public Task Api_filters_narrow_by_topic_and_dates() => Filters_narrow_by_topic_modification_review_and_due_dates();
    [Fact] public Task Api_article_is_a_MedicalWebPage_with_sections_references_and_terms() => Article_is_a_MedicalWebPage_with_sections_references_and_terms();
    [Fact] public Task Api_bad_query_values_are_400_naming_the_parameter() => Bad_query_values_are_answered_400_naming_the_parameter();
    [Fact] public Task Api_hostile_values_never_get_a_server_error() => Hostile_values_never_get_a_server_error();
    [Fact] public Task Api_control_characters_in_any_query_value_are_400_naming_the_parameter() => Control_characters_in_any_query_value_are_answered_400_naming_the_parameter();
    [Fact] public Task Api_repeated_query_parameters_are_400_saying_how_often_they_were_given() => Repeated_query_parameters_are_answered_400_saying_how_often_they_were_given();
    [Fact] public Task Api_page_numbers_are_400_saying_there_is_no_such_page() => A_page_number_is_answered_400_saying_there_is_no_such_page_and_where_the_first_page_is();
    [Fact] public Task Api_answers_are_cacheable_conditional_cross_origin_and_answer_head() => Answers_are_cacheable_conditional_cross_origin_and_answer_head();
    [Fact] public Task Api_addresses_with_capitals_answer_301_to_the_lower_case_address() => Addresses_with_capitals_or_a_trailing_slash_answer_301_to_the_lower_case_address_keeping_the_query();
}

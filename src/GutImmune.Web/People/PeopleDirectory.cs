using System.Runtime.CompilerServices;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using GutImmune.Web.Media;
using GutImmune.Web.Reading;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace GutImmune.Web.People;

/// <summary>A name on an article as readers see it, with the profile it links to when one matches.</summary>
public sealed record PersonCredit(string Name, string? Credentials, string? ProfileSlug)
{
    /// <summary>The profile's photo; null for a name without a profile or a profile without one.</summary>
    public MediaPicture? Photo { get; init; }

    public string WithCredentials => Credentials is null ? Name : $"{Name}, {Credentials}";
}

/// <summary>Who wrote an article and who signed off its last medical review (null when it has none).</summary>
public sealed record ArticleCredits(PersonCredit Author, PersonCredit? Reviewer, DateOnly? ReviewedOn)
{
    /// <summary>The names as the article has them, linked to nobody.</summary>
    public static ArticleCredits Unlinked(ArticleHeader header) => new(
        new PersonCredit(header.AuthorName, header.AuthorCredentials, null),
        header is { LastReviewedOn: not null, ReviewedBy: { } reviewer } ? new PersonCredit(reviewer, null, null) : null,
        header.LastReviewedOn);
}

public sealed record PersonListItem(string Slug, string Name, string? Credentials, string Role)
{
    public MediaPicture? Photo { get; init; }
}

public sealed record PersonProfile(
    PersonListItem Person,
    HtmlString? Bio,
    IReadOnlyList<ArticleListItem> Written,
    IReadOnlyList<ArticleListItem> Reviewed,
    bool HasMore);

/// <summary>
/// The reader side of people: the /people pages and the credits in an article's header. A profile answers to its name
/// and to its linked account's display name, and lists only articles readers can see.
/// </summary>
public sealed class PeopleDirectory(LazyDbContext lazyDb, TimeProvider clock, SiteAddress site, Caching.ArticleCreditsCache creditsCache)
{
    /// <summary>Output cache tag of every page that shows a profile or a link to one; a profile's save evicts them.</summary>
    public const string CacheTag = "people";

    /// <summary>How many articles a profile lists under each heading: the newest, so that the page stays small.</summary>
    public const int ArticlesListed = 100;

    public static string ProfilePath(string slug) => $"/people/{slug}";

    /// <summary>A profile's absolute address, as the article page's JSON-LD and the content API give it.</summary>
    public string ProfileUrl(string slug) => site.Absolute(ProfilePath(slug));

    /// <summary>Taken from the pool by the first query: an article page whose credits are kept needs no context.</summary>
    private GutImmuneDbContext Db => lazyDb.Context;

    public async Task<IReadOnlyList<PersonListItem>> ListAsync(CancellationToken cancellationToken)
    {
        var people = await Db.People.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new { Item = new PersonListItem(p.Slug, p.Name, p.Credentials, p.Role), p.PhotoMediaId })
            .ToListAsync(cancellationToken);
        var photos = await MediaPictures.UsableAsync(Db, people.Select(p => p.PhotoMediaId), cancellationToken);
        return people.Select(p => p.Item with { Photo = Photo(photos, p.PhotoMediaId) }).ToList();
    }

    private static MediaPicture? Photo(Dictionary<int, MediaPicture> photos, int? id) => id is { } photo ? photos.GetValueOrDefault(photo) : null;

    public async Task<PersonProfile?> ProfileAsync(string slug, CancellationToken cancellationToken)
    {
        var person = await Db.People.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { Item = new PersonListItem(p.Slug, p.Name, p.Credentials, p.Role), p.Bio, p.PhotoMediaId, AccountName = p.Account != null ? p.Account.DisplayName : null })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
            return null;
        var names = new[] { person.Item.Name, person.AccountName }.OfType<string>().Distinct().ToList();
        var visible = Db.ReaderEditions.AsNoTracking().Where(ReaderEdition.VisibleAt(clock.GetUtcNow().UtcDateTime));
        var written = await ListAsync(visible.Where(a => names.Contains(a.AuthorName)), cancellationToken);
        var reviewed = await ListAsync(visible.Where(a => a.ReviewedBy != null && a.LastReviewedOn != null && names.Contains(a.ReviewedBy)), cancellationToken);
        var bio = person.Bio is null ? null : new HtmlString(ContentMarkdown.ToHtml(person.Bio, new CitationScope([]), person.Item.Name, firstHeadingLevel: 2));
        var photos = await MediaPictures.UsableAsync(Db, [person.PhotoMediaId], cancellationToken);
        return new PersonProfile(person.Item with { Photo = Photo(photos, person.PhotoMediaId) }, bio, written.Take(ArticlesListed).ToList(), reviewed.Take(ArticlesListed).ToList(),
            written.Count > ArticlesListed || reviewed.Count > ArticlesListed);
    }

    /// <summary>
    /// <paramref name="page"/> with its author and reviewer linked to their profiles where they have one, in the header and
    /// in the JSON-LD. Names and the author's credentials stay as the article has them.
    /// </summary>
    public async Task<ArticlePage> WithCreditsAsync(ArticlePage page, CancellationToken cancellationToken)
    {
        var (credits, structuredData) = await CreditedAsync(page.Header, page.StructuredData, cancellationToken);
        return page with { Credits = credits, StructuredData = structuredData };
    }

    /// <summary>The credits of <paramref name="header"/>, and <paramref name="structuredData"/> (its page's JSON-LD) naming the same people.</summary>
    public async Task<(ArticleCredits Credits, string StructuredData)> CreditedAsync(ArticleHeader header, string structuredData, CancellationToken cancellationToken)
    {
        var credits = await CreditsAsync(header, cancellationToken);
        return (credits, Reading.StructuredData.WithPeople(structuredData, credits, ProfileUrl));
    }

    /// <summary>
    /// The author and reviewer of <paramref name="header"/>, each linked to the profile that has their name or whose linked
    /// account has it as its display name; a profile gives the credentials the article does not (a reviewer signing off
    /// with their account gives none).
    /// </summary>
    public Task<ArticleCredits> CreditsAsync(ArticleHeader header, CancellationToken cancellationToken) =>
        creditsCache.GetAsync(header, token => LookUpCreditsAsync(header, token), cancellationToken);

    private async Task<ArticleCredits> LookUpCreditsAsync(ArticleHeader header, CancellationToken cancellationToken)
    {
        var reviewer = header.LastReviewedOn is null ? null : header.ReviewedBy;
        var people = new List<Named>();
        await foreach (var person in CompiledFor.GetValue(Db.Model, _ => CompileNamed()).Invoke(Db, header.AuthorName, reviewer).WithCancellation(cancellationToken))
            people.Add(person);
        var photos = await MediaPictures.UsableAsync(Db, people.Select(p => p.PhotoMediaId), cancellationToken);
        PersonCredit Credit(string name, string? credentials)
        {
            var match = people.FirstOrDefault(p => p.Name == name) ?? people.FirstOrDefault(p => p.AccountName == name);
            return new PersonCredit(name, credentials ?? match?.Credentials, match?.Slug) { Photo = Photo(photos, match?.PhotoMediaId) };
        }
        return new ArticleCredits(Credit(header.AuthorName, header.AuthorCredentials),
            reviewer is null ? null : Credit(reviewer, null), header.LastReviewedOn);
    }

    private sealed record Named(string Slug, string Name, string? Credentials, int? PhotoMediaId, string? AccountName);

    // Compiled: an article page the output cache misses runs it, and EF Core would otherwise look its SQL up anew each time.
    // Two names as two parameters, not a list, which would make the SQL differ per request. One per model (engine), as in ArticleReader.
    private static readonly ConditionalWeakTable<IModel, Func<GutImmuneDbContext, string, string?, IAsyncEnumerable<Named>>> CompiledFor = new();

    private static Func<GutImmuneDbContext, string, string?, IAsyncEnumerable<Named>> CompileNamed() => EF.CompileAsyncQuery(
        (GutImmuneDbContext db, string author, string? reviewer) => db.People.AsNoTracking()
            .Where(p => p.Name == author || (p.Account != null && p.Account.DisplayName == author)
                || (reviewer != null && (p.Name == reviewer || (p.Account != null && p.Account.DisplayName == reviewer))))
            .OrderBy(p => p.Id)
            .Select(p => new Named(p.Slug, p.Name, p.Credentials, p.PhotoMediaId, p.Account != null ? p.Account.DisplayName : null)));

    private async Task<List<ArticleListItem>> ListAsync(IQueryable<ReaderEdition> articles, CancellationToken cancellationToken) =>
        await (await articles.OrderByDescending(a => a.PublishedAt).ThenBy(a => a.ArticleId).Take(ArticlesListed + 1)
            .Select(ArticleCards.Project).ToListAsync(cancellationToken)).ToCardsAsync(Db, cancellationToken);
}

using GutImmune.Web.Content;
using GutImmune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.Media;

/// <summary>The pictures a rendering may show: the usable library images (those with alt text) an article refers to.</summary>
public sealed class MediaPictures(LazyDbContext lazyDb)
{
    /// <summary>Taken from the pool by the first query: the article reader, which builds this service, needs no context for a page whose parts are kept.</summary>
    private GutImmuneDbContext Db => lazyDb.Context;

    public async Task<MediaCatalog> ForAsync(Article article, CancellationToken cancellationToken)
    {
        var wanted = MediaReference.IdsIn(article).Distinct().ToList();
        if (wanted.Count == 0)
            return MediaCatalog.Empty;
        return new MediaCatalog(await UsableAsync(Db, wanted, cancellationToken));
    }

    /// <summary>
    /// The pictures of the images among <paramref name="ids"/> that may be shown (those with alt text), by id. Alt text of
    /// only invisible characters, stored before such text was saved as none, is none: a screen reader announces nothing.
    /// </summary>
    public static async Task<Dictionary<int, MediaPicture>> UsableAsync(GutImmuneDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        return (await db.MediaImages.AsNoTracking().Where(m => wanted.Contains(m.Id) && m.AltText != null).ToListAsync(cancellationToken))
            .Where(m => TextCharacters.HasVisible(m.AltText)).ToDictionary(m => m.Id, m => m.Picture());
    }

    private static Task<Dictionary<int, MediaPicture>> UsableAsync(GutImmuneDbContext db, List<int> ids, CancellationToken cancellationToken) =>
        UsableAsync(db, ids.Select(id => (int?)id), cancellationToken);

    /// <summary>What keeps an article's images from being shown: an unknown image or one without alt text.</summary>
    public async Task<IReadOnlyList<ContentProblem>> ProblemsAsync(Article article, CancellationToken cancellationToken)
    {
        var catalog = await ForAsync(article, cancellationToken);
        var problems = ProblemsAmong(article, id => catalog.Find(id) is not null).ToList();
        // The hero's problem says which of the two it is, naming the image's file.
        if (article.HeroMediaId is { } hero && problems.FindIndex(p => p.Place == HeroPlace) is >= 0 and var i)
            problems[i] = problems[i] with { Message = await UnusableHeroAsync(hero, cancellationToken) };
        return problems;
    }

    /// <summary>What keeps an article's images from being shown, judged against the images that may be (<paramref name="usable"/>).</summary>
    public static IEnumerable<ContentProblem> ProblemsAmong(Article article, Func<int, bool> usable)
    {
        if (article.HeroMediaId is { } hero && !usable(hero))
            yield return new(HeroPlace, $"Image {hero} is not in the media library, or has no alt text yet: choose another, or add its alt text in the media library.");
        foreach (var (place, text) in MediaReference.Texts(article))
            foreach (var id in MediaReference.IdsIn(text).Where(id => !usable(id)).Distinct())
                yield return new(place, $"the image media:{id} is not in the media library, or has no alt text yet: check the number in the media library.");
    }

    private static readonly ContentPlace HeroPlace = new ContentPlace.ArticleField(ArticlePart.HeroImageMediaId);

    /// <summary>Why the image <paramref name="id"/> cannot be the hero: it has no alt text, or it is not in the library at all.</summary>
    private async Task<string> UnusableHeroAsync(int id, CancellationToken cancellationToken) =>
        await Db.MediaImages.AsNoTracking().Where(m => m.Id == id).Select(m => m.FileName).FirstOrDefaultAsync(cancellationToken) is { } fileName
            ? $"The image “{fileName}” (image {id}) has no alt text yet, and an article shows only images with one: add its alt text in the media library first, then choose it."
            : $"Image {id} is not in the media library: choose another.";
}

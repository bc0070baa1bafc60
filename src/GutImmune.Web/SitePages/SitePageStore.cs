using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.SitePages;

/// <summary>A site page as readers see it; <see cref="IsPlaceholder"/> while the operator has not written it.</summary>
public sealed record ShownSitePage(string Slug, string Title, HtmlString Body, bool IsPlaceholder, DateTime? UpdatedAt);

/// <summary>A site page in the admin list: whether it still shows its built-in text, and who saved it last.</summary>
public sealed record SitePageRow(string Slug, string Title, bool IsPlaceholder, bool IsEdited, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>A site page's text for its edit form; version 0 when it has never been saved.</summary>
public sealed record EditableSitePage(string Slug, string Title, string Body, int Version);

/// <summary>What saving a site page came to.</summary>
public abstract record SitePageSave
{
    public sealed record Saved : SitePageSave;
    /// <summary>Someone else saved the page since the form was opened; nothing was saved.</summary>
    public sealed record Conflict(string SavedBy) : SitePageSave;
    /// <summary>The text cannot be shown (too costly to render); nothing was saved.</summary>
    public sealed record Refused(string Problem) : SitePageSave;
}

/// <summary>The four site pages: their text for readers and editors, and the one way to save it (audited, cache evicted).</summary>
public sealed class SitePageStore(GutImmuneDbContext db, AuditLog audit, CurrentEditor editor, TimeProvider clock, ReaderPageCache readerPages)
{
    /// <summary>Output cache tag of the site pages; a save evicts them.</summary>
    public const string CacheTag = "site-pages";

    public async Task<ShownSitePage?> ShowAsync(string slug, CancellationToken cancellationToken)
    {
        if (SitePageTexts.Find(slug) is not { } builtIn)
            return null;
        var saved = await db.SitePages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        var (title, body) = saved is null ? (builtIn.Title, builtIn.Body) : (saved.Title, saved.Body);
        return new ShownSitePage(slug, title, new HtmlString(ContentMarkdown.ToHtml(body, new CitationScope([]), title, firstHeadingLevel: 2)),
            saved is null && builtIn.IsPlaceholder, saved?.UpdatedAt);
    }

    public async Task<IReadOnlyList<SitePageRow>> ListAsync(CancellationToken cancellationToken)
    {
        var saved = await db.SitePages.AsNoTracking().ToDictionaryAsync(p => p.Slug, cancellationToken);
        return SitePageTexts.All.Select(b => saved.TryGetValue(b.Slug, out var page)
                ? new SitePageRow(b.Slug, page.Title, false, true, page.UpdatedAt, page.UpdatedBy)
                : new SitePageRow(b.Slug, b.Title, b.IsPlaceholder, false, null, null))
            .ToList();
    }

    public async Task<EditableSitePage?> GetForEditingAsync(string slug, CancellationToken cancellationToken)
    {
        if (SitePageTexts.Find(slug) is not { } builtIn)
            return null;
        var saved = await db.SitePages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return saved is null
            ? new EditableSitePage(slug, builtIn.Title, builtIn.Body, 0)
            : new EditableSitePage(slug, saved.Title, saved.Body, saved.Version);
    }

    /// <summary>Saves <paramref name="title"/> and <paramref name="body"/> over the version the editor started from.</summary>
    public async Task<SitePageSave> SaveAsync(string slug, string title, string body, int version, CancellationToken cancellationToken)
    {
        title = TextCharacters.ForStoredText(title.Trim());
        body = TextCharacters.ForStoredText(body);
        if (ContentMarkdown.ToHtmlWithinCost(body, new CitationScope([]), title).Problem is { } problem)
            return new SitePageSave.Refused("The text " + problem);
        var page = await db.SitePages.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if ((page?.Version ?? 0) != version)
            return new SitePageSave.Conflict(page?.UpdatedBy ?? "someone");
        if (page is null)
        {
            page = new SitePage { Slug = slug, Title = title, Body = body, UpdatedBy = editor.Name };
            db.SitePages.Add(page);
        }
        page.Title = title;
        page.Body = body;
        page.UpdatedBy = editor.Name;
        page.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        page.Version = version + 1;
        audit.Add(AuditLog.Actions.SitePageSaved, $"site page “{title}” (/{slug})", $"version {page.Version}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || UniqueViolation.Is(e))
        {
            // Another editor saved first (the version changed, or both created the page at once).
            db.ChangeTracker.Clear();
            var current = await db.SitePages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
            return new SitePageSave.Conflict(current?.UpdatedBy ?? "someone");
        }
        await readerPages.EvictTagsAsync([CacheTag], cancellationToken);
        return new SitePageSave.Saved();
    }
}

using GutImmune.Web.Accounts;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.ContentApi;
using GutImmune.Web.Editing;
using GutImmune.Web.LinkChecking;
using GutImmune.Web.Media;
using GutImmune.Web.People;
using GutImmune.Web.Publishing;
using GutImmune.Web.Reading;
using GutImmune.Web.Search;
using GutImmune.Web.SitePages;
using GutImmune.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GutImmune.Web.Data;

/// <summary>
/// The site's data, the same model on every engine. Each engine has its own subclass (<see cref="SqliteGutImmuneDbContext"/>,
/// <see cref="PostgresGutImmuneDbContext"/>) with its own migrations; the rest of the site asks for this type only.
/// </summary>
public abstract class GutImmuneDbContext(DbContextOptions options)
    : IdentityDbContext<EditorAccount>(options), IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<Cause> Causes => Set<Cause>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ArticleSlugRedirect> SlugRedirects => Set<ArticleSlugRedirect>();
    public DbSet<PublishedSectionSlug> PublishedSectionSlugs => Set<PublishedSectionSlug>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<PendingChange> PendingChanges => Set<PendingChange>();
    public DbSet<ReviewSignOff> ReviewSignOffs => Set<ReviewSignOff>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<ReviewLink> ReviewLinks => Set<ReviewLink>();
    public DbSet<ChangeNote> ChangeNotes => Set<ChangeNote>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<SitePage> SitePages => Set<SitePage>();
    public DbSet<SynonymGroup> SynonymGroups => Set<SynonymGroup>();
    public DbSet<ReaderEdition> ReaderEditions => Set<ReaderEdition>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<MediaImage> MediaImages => Set<MediaImage>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<LinkCheck> LinkChecks => Set<LinkCheck>();

    /// <summary>
    /// Applies pending migrations (all at once to a database without tables, see <see cref="FreshSchema"/>), then whatever
    /// the engine needs set once on the database. Migrate is called only when a migration is pending: even with none it
    /// takes its lock and builds the history table's model to write CREATE TABLE IF NOT EXISTS, a fixed cost of every start.
    /// Which are pending is <see cref="FreshSchema.PendingMigrationsAsync"/>'s answer, not EF Core's, for the same reason.
    /// Returns the migrations it applied one by one: none to a database without tables, which has no content to upgrade.
    /// </summary>
    public virtual async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await FreshSchema.CreateIfEmptyAsync(this, MigrationsFolder, cancellationToken);
        var pending = await FreshSchema.PendingMigrationsAsync(this, cancellationToken);
        if (pending.Count > 0)
            await Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>The folder of the engine's migrations under Data/Migrations, which also holds their <see cref="FreshSchema"/> script.</summary>
    public abstract string MigrationsFolder { get; }

    /// <summary>
    /// Migrate's check for model changes without a migration builds the model from the configurations and from the
    /// latest snapshot and compares them: about a quarter of the start-up's time. <c>MigrationTests</c> makes the same
    /// check for both engines before anything ships, so the site need not repeat it at every start.
    /// </summary>
    protected static void SkipPendingModelCheck(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>
    /// EF Core logs every failed command and save as an error, with its stack, before the caller sees the exception:
    /// also a lost race for a slug (<see cref="UniqueViolation"/>) that the caller answers as designed. The caller logs
    /// what it does not handle (the request's 500 by the exception handler, background services their own failures).
    /// </summary>
    protected static void LeaveFailuresToTheirCaller(WarningsConfigurationBuilder warnings) =>
        warnings.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug));

    /// <summary>
    /// Waits until no other instance is inside its start-up work on this database (seeding), and holds it off until the
    /// result is disposed. An engine that only one instance uses at a time needs no lock.
    /// </summary>
    public virtual Task<IAsyncDisposable> WaitForStartupTurnAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>Why this process may only read the database now, or null when it may write to it.</summary>
    public virtual Task<string?> ReadOnlyReasonAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>The space left on the disk holding the database's file, or null when the site does not hold the file (a database server's).</summary>
    public virtual long? FreeDiskBytes() => null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GutImmuneDbContext).Assembly);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

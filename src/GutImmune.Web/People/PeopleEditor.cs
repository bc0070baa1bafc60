using GutImmune.Web.Auditing;
using GutImmune.Web.Caching;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Markdown;
using GutImmune.Web.Markdown.Citations;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Web.People;

/// <summary>A profile's fields as an editor sets them.</summary>
public sealed record PersonFields(string Name, string Slug, string? Credentials, string Role, string? Bio, string? AccountId, int? PhotoMediaId = null);

public sealed record PersonRow(int Id, string Slug, string Name, string? Credentials, string Role, string? AccountName);

/// <summary>A profile as its edit form starts, with the version the save is checked against.</summary>
public sealed record EditablePerson(int Id, PersonFields Fields, int Version);

/// <summary>What saving a profile came to.</summary>
public abstract record PersonSave
{
    public sealed record Saved(int Id, string Name) : PersonSave;
    public sealed record Missing : PersonSave;
    /// <summary>A field's value cannot be stored (<see cref="Field"/> names the <see cref="PersonFields"/> property).</summary>
    public sealed record Refused(string Field, string Message) : PersonSave;
    /// <summary>Someone else saved the profile since the form was opened; nothing was saved.</summary>
    public sealed record Conflict : PersonSave;
}

/// <summary>The one write path of profiles: checks, the audit entry in the same save, cache eviction after it.</summary>
public sealed class PeopleEditor(GutImmuneDbContext db, AuditLog audit, TimeProvider clock, ReaderPageCache readerPages)
{
    public async Task<IReadOnlyList<PersonRow>> ListAsync(CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new PersonRow(p.Id, p.Slug, p.Name, p.Credentials, p.Role, p.Account != null ? p.Account.DisplayName : null))
            .ToListAsync(cancellationToken);

    /// <summary>Accounts a profile may be linked to: display name and email, for choosing one.</summary>
    public async Task<IReadOnlyList<(string Id, string Label)>> AccountChoicesAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, $"{u.DisplayName} ({u.Email})")).ToList();

    public async Task<EditablePerson?> GetForEditingAsync(int id, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new EditablePerson(p.Id, new PersonFields(p.Name, p.Slug, p.Credentials, p.Role, p.Bio, p.AccountId, p.PhotoMediaId), p.Version))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<PersonSave> CreateAsync(PersonFields fields, CancellationToken cancellationToken)
    {
        var person = new Person { Slug = "", Name = "", Role = "" };
        db.People.Add(person);
        return await SaveAsync(person, fields, 0, AuditLog.Actions.PersonCreated, cancellationToken);
    }

    public async Task<PersonSave> UpdateAsync(int id, PersonFields fields, int version, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
            return new PersonSave.Missing();
        if (person.Version != version)
            return new PersonSave.Conflict();
        return await SaveAsync(person, fields, version, AuditLog.Actions.PersonChanged, cancellationToken);
    }

    public async Task<PersonSave> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
            return new PersonSave.Missing();
        db.People.Remove(person);
        audit.Add(AuditLog.Actions.Deleted, $"profile “{person.Name}” (/people/{person.Slug})");
        await db.SaveChangesAsync(cancellationToken);
        await EvictAsync(cancellationToken);
        return new PersonSave.Saved(person.Id, person.Name);
    }

    private async Task<PersonSave> SaveAsync(Person person, PersonFields fields, int version, string action, CancellationToken cancellationToken)
    {
        var name = TextCharacters.ForStoredField(fields.Name);
        var role = TextCharacters.ForStoredField(fields.Role);
        if (name is null)
            return new PersonSave.Refused(nameof(PersonFields.Name), "Enter the person’s name.");
        if (role is null)
            return new PersonSave.Refused(nameof(PersonFields.Role), "Enter the person’s role, e.g. Author or Medical reviewer.");
        var slug = string.IsNullOrWhiteSpace(fields.Slug) ? Slug.From(name) : fields.Slug.Trim();
        var bio = TextCharacters.ForStoredField(fields.Bio);
        var accountId = TextCharacters.ForStoredField(fields.AccountId);
        if (!Slug.IsValid(slug))
            return new PersonSave.Refused(nameof(PersonFields.Slug), "Enter a slug for the profile’s address. " + Slug.FormatMessage);
        if (await db.People.AnyAsync(p => p.Slug == slug && p.Id != person.Id, cancellationToken))
            return new PersonSave.Refused(nameof(PersonFields.Slug), $"Another profile already lives at /people/{slug}: choose another slug.");
        if (accountId is not null && !await db.Users.AnyAsync(u => u.Id == accountId, cancellationToken))
            return new PersonSave.Refused(nameof(PersonFields.AccountId), "That account no longer exists: choose another, or none.");
        if (accountId is not null && await db.People.AnyAsync(p => p.AccountId == accountId && p.Id != person.Id, cancellationToken))
            return new PersonSave.Refused(nameof(PersonFields.AccountId), "That account is already linked to another profile.");
        if (fields.PhotoMediaId is { } photo
            && !TextCharacters.HasVisible(await db.MediaImages.Where(m => m.Id == photo).Select(m => m.AltText).FirstOrDefaultAsync(cancellationToken)))
            return new PersonSave.Refused(nameof(PersonFields.PhotoMediaId),
                $"Image {photo} is not in the media library, or has no alt text yet: choose another, or add its alt text in the media library.");
        if (bio is not null && ContentMarkdown.ToHtmlWithinCost(bio, new CitationScope([]), name).Problem is { } problem)
            return new PersonSave.Refused(nameof(PersonFields.Bio), "The biography " + problem);

        person.Name = name;
        person.Slug = slug;
        person.Credentials = TextCharacters.ForStoredField(fields.Credentials);
        person.Role = role;
        person.Bio = bio;
        person.AccountId = accountId;
        person.PhotoMediaId = fields.PhotoMediaId;
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        person.Version = version + 1;
        audit.Add(action, $"profile “{name}” (/people/{slug})", person.Credentials is null ? person.Role : $"{person.Role}, {person.Credentials}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PersonSave.Conflict();
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The unique indexes: another editor took the slug or linked the account between the check and the save.
            return new PersonSave.Refused(nameof(PersonFields.Slug),
                $"Another profile was saved at /people/{slug} or with the same account just now: check both and save again.");
        }
        await EvictAsync(cancellationToken);
        return new PersonSave.Saved(person.Id, person.Name);
    }

    /// <summary>Profiles show on /people and in article headers, and list articles: all of those pages change.</summary>
    private async Task EvictAsync(CancellationToken cancellationToken) =>
        await readerPages.EvictTagsAsync([PeopleDirectory.CacheTag], cancellationToken);

}

namespace GutImmune.Web.Media;

/// <summary>Where image files live: written once under a content-addressed key, read on every request that misses a cache.</summary>
public interface IMediaStore
{
    Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file's content, or null when there is none under <paramref name="key"/>.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Files in a folder (by default data/media beside the SQLite database).</summary>
public sealed class DiskMediaStore(string folder) : IMediaStore
{
    public string Folder { get; } = folder;

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a reader never gets half a file.
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>Keys are made by <see cref="Renditions"/> (hex fingerprint, width, extension), never from a request as they come.</summary>
    private string PathOf(string key) => Path.Combine(Folder, key);
}

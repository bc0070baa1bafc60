namespace GutImmune.Web.Media;

/// <summary>The `Media` section: where image files are kept.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>`Disk` (the default: <see cref="Folder"/>) or `S3`; any other value is refused at start.</summary>
    public MediaStorage Storage { get; set; } = MediaStorage.Disk;

    /// <summary>The folder of the disk store, relative to the content root unless absolute.</summary>
    public string Folder { get; set; } = "data/media";

    public S3StoreOptions S3 { get; set; } = new();
}

public enum MediaStorage
{
    Disk,
    S3,
}

/// <summary>`Media:S3`: an S3-compatible bucket shared by every instance.</summary>
public sealed class S3StoreOptions
{
    public string Bucket { get; set; } = "";
    /// <summary>The service's address for a store other than AWS (e.g. http://127.0.0.1:4568); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
}

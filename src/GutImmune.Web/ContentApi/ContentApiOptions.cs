using System.ComponentModel.DataAnnotations;

namespace GutImmune.Web.ContentApi;

/// <summary>The `ContentApi` section: the terms syndicated content carries and how much a client may ask for.</summary>
public sealed class ContentApiOptions
{
    public const string Section = "ContentApi";

    /// <summary>The licence the content is offered under (schema.org <c>license</c>): a URL or a short text.</summary>
    public string? License { get; set; }

    /// <summary>What a republisher must show with the content (schema.org <c>creditText</c>).</summary>
    public string Attribution { get; set; } = "Content supplied by GutImmune.";

    /// <summary>Requests per minute for a client without a key, per client network.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 30;

    /// <summary>Requests per minute for each API key.</summary>
    [Range(1, 1_000_000)]
    public int KeyRequestsPerMinute { get; set; } = 600;
}

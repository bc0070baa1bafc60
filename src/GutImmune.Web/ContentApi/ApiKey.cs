using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GutImmune.Web.ContentApi;

/// <summary>
/// A key a syndication partner sends in <c>X-Api-Key</c>. Only its SHA-256 hash is stored (the key is 256 random bits,
/// so a fast hash is enough: there is nothing to guess), with the first characters for recognising it in the admin.
/// </summary>
public class ApiKey
{
    public const int MaxNameLength = 100;
    private const string Prefix = "gik_";

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's first characters, shown in the admin so an Admin can tell keys apart.</summary>
    public required string Start { get; set; }
    public required byte[] Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public long RequestCount { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key named <paramref name="name"/>, and the key itself, which exists nowhere else once shown.</summary>
    public static (ApiKey Key, string Secret) Create(string name, string createdBy, DateTime utcNow)
    {
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new ApiKey { Name = name, Start = secret[..(Prefix.Length + 6)], Hash = HashOf(secret), CreatedAt = utcNow, CreatedBy = createdBy }, secret);
    }

    public static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}

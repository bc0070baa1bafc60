using System.Security.Cryptography;
using System.Text;

namespace GutImmune.Web.Webhooks;

/// <summary>
/// The Standard Webhooks scheme (standardwebhooks.com): the secret is <c>whsec_</c> and base64 of 32 random bytes; the
/// signature is <c>v1,</c> and base64 of HMAC-SHA256, keyed with those bytes, of <c>{id}.{timestamp}.{body}</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <param name="timestamp">Seconds since the Unix epoch, as sent in <see cref="TimestampHeader"/>.</param>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }
}

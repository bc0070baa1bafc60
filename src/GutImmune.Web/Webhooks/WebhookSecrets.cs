using Microsoft.AspNetCore.DataProtection;

namespace GutImmune.Web.Webhooks;

/// <summary>
/// Encrypts endpoints' signing secrets with the data-protection key ring, which lives in the database under the
/// application name every instance shares, so any instance can read back a secret another stored.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("GutImmune.Webhooks.SigningSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

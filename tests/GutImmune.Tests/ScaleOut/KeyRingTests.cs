using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GutImmune.Tests.Admin;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using GutImmune.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// The data-protection keys, which protect sign-in and antiforgery cookies, live in the database: losing Redis's data
/// loses no session, and every instance on the database reads the cookies of every other.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly List<GutImmuneFactory> _sites = [];
    private readonly string _certificateFolder = Directory.CreateTempSubdirectory("gutimmune-certificate-").FullName;

    public Task InitializeAsync() => _redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var site in _sites)
            await site.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_certificateFolder, recursive: true);
    }

    [RedisServerFact]
    public async Task A_session_and_an_antiforgery_token_issued_before_redis_lost_its_data_are_accepted_by_an_instance_started_after()
    {
        var first = Site();
        var cookies = new CookieContainer();
        var (email, password) = await StaffSession.CreateAccountAsync(first, Roles.Editor);
        var onFirst = new StaffSession(BrowserOn(first, cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SignInAsync(email, password)).StatusCode);
        var dashboard = await onFirst.GetPageAsync("/admin");

        await _redis.FlushAllAsync();
        var second = Site(databaseOf: first);

        var onSecond = new StaffSession(BrowserOn(second, cookies));
        Assert.NotNull((await onSecond.GetPageAsync("/admin")).QuerySelector("form[action='/admin/sign-out']"));
        // The form the first instance rendered, posted to the second: its antiforgery token is still valid.
        var signedOut = await onSecond.SubmitAsync(dashboard, "form[action='/admin/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/admin/sign-in", (await onFirst.Client.GetAsync("/admin")).Headers.Location!.PathAndQuery);
    }

    [RedisServerFact]
    public async Task With_a_certificate_configured_the_key_ring_is_stored_encrypted_and_read_back()
    {
        var certificate = WriteCertificate("a password");
        var first = Site(certificate: (certificate, "a password"));
        var cookies = new CookieContainer();
        var (email, password) = await StaffSession.CreateAccountAsync(first, Roles.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await new StaffSession(BrowserOn(first, cookies)).SignInAsync(email, password)).StatusCode);

        var stored = await first.WithServiceAsync<GutImmuneDbContext, List<string>>(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("<EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        var second = Site(databaseOf: first, certificate: (certificate, "a password"));
        Assert.NotNull((await new StaffSession(BrowserOn(second, cookies)).GetPageAsync("/admin")).QuerySelector("form[action='/admin/sign-out']"));
    }

    /// <summary>An instance on SQLite and this test's Redis; on the database of <paramref name="databaseOf"/> when given.</summary>
    private GutImmuneFactory Site(GutImmuneFactory? databaseOf = null, (string Path, string Password)? certificate = null)
    {
        var site = new GutImmuneFactory { Settings = { ["Redis:Configuration"] = _redis.Address } };
        if (databaseOf is not null)
            site.Settings["ConnectionStrings:Default"] = $"Data Source={databaseOf.DatabasePath}";
        if (certificate is var (path, password))
        {
            site.Settings["DataProtection:CertificatePath"] = path;
            site.Settings["DataProtection:CertificatePassword"] = password;
        }
        _sites.Add(site);
        return site;
    }

    private static HttpClient BrowserOn(GutImmuneFactory site, CookieContainer cookies) =>
        site.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));

    /// <summary>A self-signed certificate with its private key in a password-protected .pfx file.</summary>
    private string WriteCertificate(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=GutImmune key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_certificateFolder, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

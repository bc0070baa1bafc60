using System.Net;
using GutImmune.Tests.Web;
using GutImmune.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GutImmune.Tests.Admin;

/// <summary>
/// What failed sign-ins may reveal and whom they may keep out. The site runs behind a reverse proxy on loopback, so
/// each client's address comes from X-Forwarded-For as in production; its password hasher is the real one, counted.
/// </summary>
public class SignInProtectionTests(SignInProtectionTests.ProxiedSite site) : IClassFixture<SignInProtectionTests.ProxiedSite>
{
    public sealed class ProxiedSite : GutImmuneFactory
    {
        public CountingPasswordHasher Hasher { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter, ConnectionFromLoopbackProxy>();
                services.AddSingleton(provider => Hasher = new CountingPasswordHasher(
                    new PasswordHasher<EditorAccount>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>())));
                services.AddSingleton<IPasswordHasher<EditorAccount>>(provider => provider.GetRequiredService<CountingPasswordHasher>());
            });
        }
    }

    /// <summary>The real hasher, counting its verifications.</summary>
    public sealed class CountingPasswordHasher(PasswordHasher<EditorAccount> hasher) : IPasswordHasher<EditorAccount>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(EditorAccount user, string password) => hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(EditorAccount user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The test server has no TCP connection: this gives each request the reverse proxy's loopback address.</summary>
    private sealed class ConnectionFromLoopbackProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private StaffSession From(string clientAddress)
    {
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return new StaffSession(client);
    }

    private async Task<(HttpStatusCode Status, int Verifications)> SignInAsync(StaffSession from, string email, string password)
    {
        var page = await from.GetPageAsync("/admin/sign-in");
        var before = site.Hasher.Verifications;
        var response = await from.SubmitAsync(page, "main form", new() { ["Email"] = email, ["Password"] = password });
        return (response.StatusCode, site.Hasher.Verifications - before);
    }

    [Fact]
    public async Task Every_refusal_verifies_exactly_one_password_hash_whatever_the_account_state()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(site, Roles.Editor);
        var (disabledEmail, disabledPassword) = await StaffSession.CreateAccountAsync(site, Roles.Editor);
        using (var scope = site.Services.CreateScope())
        {
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<EditorAccount>>().FindByEmailAsync(disabledEmail);
            await scope.ServiceProvider.GetRequiredService<AccountDirectory>().SetDisabledAsync(account!, true);
        }
        var client = From("203.0.113.10");

        var unknown = await SignInAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", "Wrong-password-123");
        var wrongPassword = await SignInAsync(client, email, "Wrong-password-123");
        var disabled = await SignInAsync(client, disabledEmail, disabledPassword);
        for (var i = 0; i < 5; i++)
            await SignInAsync(client, email, "Wrong-password-123");
        var refusedWrong = await SignInAsync(client, email, "Wrong-password-123");
        var refusedRight = await SignInAsync(client, email, password);

        Assert.All([unknown, wrongPassword, disabled, refusedWrong, refusedRight], attempt => Assert.Equal((HttpStatusCode.BadRequest, 1), attempt));
    }

    [Fact]
    public async Task A_stranger_failing_many_times_does_not_keep_the_owner_out()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(site, Roles.Admin);
        var stranger = From("203.0.113.66");
        var owner = From("198.51.100.7");

        for (var i = 0; i < 12; i++)
            await SignInAsync(stranger, email, "Wrong-password-123");
        var strangerWithTheRightPassword = await SignInAsync(stranger, email, password);
        var ownerSignsIn = await SignInAsync(owner, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, strangerWithTheRightPassword.Status);
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.Status);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Another_spelling_of_the_same_email_shares_its_failures()
    {
        var email = $"kim-{Guid.NewGuid():N}@example.org";
        var password = PasswordGenerator.Generate();
        using (var scope = site.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, "Kim", password, [Roles.Editor])).Succeeded);
        var stranger = From("203.0.113.77");

        for (var i = 0; i < 5; i++)
            await SignInAsync(stranger, email, "Wrong-password-123");
        // U+212A KELVIN SIGN: Identity finds the same account by it (Unicode normalization).
        var kelvinSpelling = await SignInAsync(stranger, "\u212A" + email[1..], password);

        Assert.Equal(HttpStatusCode.BadRequest, kelvinSpelling.Status);
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_network_share_their_failures()
    {
        var (email, password) = await StaffSession.CreateAccountAsync(site, Roles.Editor);

        for (var i = 1; i <= 5; i++)
            await SignInAsync(From($"2001:db8:7:7::{i:x}"), email, "Wrong-password-123");
        var sameNetwork = await SignInAsync(From("2001:db8:7:7::99"), email, password);
        var otherNetwork = await SignInAsync(From("2001:db8:7:8::1"), email, password);

        Assert.Equal(HttpStatusCode.BadRequest, sameNetwork.Status);
        Assert.Equal(HttpStatusCode.Redirect, otherNetwork.Status);
    }
}

using System.Net;
using GutImmune.Web.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GutImmune.Tests.Admin;

/// <summary>The failed-password counts behind sign-in and change password, on a clock the test moves.</summary>
public class PasswordAttemptsTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.8");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly PasswordAttempts _attempts;

    public PasswordAttemptsTests() =>
        _attempts = new PasswordAttempts(Options.Create(new SignInLimits { FailuresBeforeLockout = 5, LockoutMinutes = 15 }), _clock);

    private void Fail(string email, IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
            _attempts.RecordFailure(email, address);
    }

    [Fact]
    public void Five_failures_refuse_that_address_for_that_account_only()
    {
        Fail("chief@example.org", Stranger, 4);
        Assert.Null(_attempts.RefusedFor("chief@example.org", Stranger));

        Fail("chief@example.org", Stranger, 1);

        Assert.Equal(TimeSpan.FromMinutes(15), _attempts.RefusedFor("chief@example.org", Stranger));
        Assert.Null(_attempts.RefusedFor("chief@example.org", Owner));
        Assert.Null(_attempts.RefusedFor("someone-else@example.org", Stranger));
    }

    [Fact]
    public void Each_further_refusal_of_an_address_within_a_day_lasts_twice_as_long_up_to_a_day()
    {
        var lengths = new List<TimeSpan>();
        for (var round = 0; round < 8; round++)
        {
            Fail($"account-{round % 2}@example.org", Stranger, 5);
            var refusal = _attempts.RefusedFor($"account-{round % 2}@example.org", Stranger)!.Value;
            lengths.Add(refusal);
            _clock.Advance(refusal + TimeSpan.FromSeconds(1));
        }

        Assert.Equal([15, 30, 60, 120, 240, 480, 960, 1440], lengths.Select(l => (int)l.TotalMinutes));
        Assert.Null(_attempts.RefusedFor("account-0@example.org", Owner));
    }

    [Fact]
    public void A_success_forgets_the_failures_of_that_address()
    {
        Fail("chief@example.org", Owner, 4);
        _attempts.RecordSuccess("chief@example.org", Owner);
        Fail("chief@example.org", Owner, 4);

        Assert.Null(_attempts.RefusedFor("chief@example.org", Owner));
    }
}

using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Accounts;

/// <summary>
/// Failed password proofs (sign-in, and the current password when changing it), counted per account and client
/// network (<see cref="ClientNetwork"/>). The account is named as Identity looks it up (its normalized email), so
/// another spelling of the same address (e.g. the Kelvin sign for "K") shares its count. After
/// <see cref="SignInLimits.FailuresBeforeLockout"/> failures that pair is refused for
/// <see cref="SignInLimits.LockoutMinutes"/>, doubled for each earlier lockout of the same address within a day
/// (at most a day). The account itself is never locked: its owner signs in from any other address, so a stranger
/// cannot lock anyone out. What was typed is counted whether or not such an account exists, so the refusals say
/// nothing about which accounts exist. Kept in this instance's memory, like the per-address rate limit.
/// </summary>
public sealed class PasswordAttempts(IOptions<SignInLimits> limits, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan AddressMemory = TimeSpan.FromDays(1);

    private readonly MemoryCache _attempts = new(new MemoryCacheOptions());
    private readonly Lock _gate = new();

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);

    /// <summary>How long the pair is still refused; null while it may try.</summary>
    public TimeSpan? RefusedFor(string normalizedEmail, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
            return _attempts.Get<Failures>(PairKey(normalizedEmail, address))?.LockedUntil is { } until && until > now ? until - now : null;
    }

    public void RecordFailure(string normalizedEmail, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var key = PairKey(normalizedEmail, address);
            var failures = _attempts.Get<Failures>(key) ?? new Failures(0, null);
            if (failures.LockedUntil > now)
                return;
            var count = failures.Count + 1;
            if (count < limits.Value.FailuresBeforeLockout)
            {
                // Failures are forgotten after a quiet lockout period.
                _attempts.Set(key, new Failures(count, null), TimeSpan.FromMinutes(limits.Value.LockoutMinutes));
                return;
            }
            var addressKey = AddressKey(address);
            var earlierLockouts = _attempts.Get<int>(addressKey);
            _attempts.Set(addressKey, earlierLockouts + 1, AddressMemory);
            var lockout = TimeSpan.FromMinutes(limits.Value.LockoutMinutes * Math.Pow(2, Math.Min(earlierLockouts, 16)));
            if (lockout > AddressMemory)
                lockout = AddressMemory;
            _attempts.Set(key, new Failures(0, now + lockout), lockout);
        }
    }

    public void RecordSuccess(string normalizedEmail, IPAddress? address)
    {
        lock (_gate)
            _attempts.Remove(PairKey(normalizedEmail, address));
    }

    private static string PairKey(string normalizedEmail, IPAddress? address) => $"{normalizedEmail}\n{ClientNetwork.Of(address)}";

    private static string AddressKey(IPAddress? address) => $"\n{ClientNetwork.Of(address)}";

    public void Dispose() => _attempts.Dispose();
}

using GutImmune.Web.Caching;
using GutImmune.Web.Reading;

namespace GutImmune.Tests.Reading;

/// <summary>The next scheduled time a process keeps for the pages it builds: read again after an interval, at that time, and after a publication.</summary>
public class NextScheduledEditionTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private readonly NextScheduledEdition _next = new();
    private int _reads;
    private DateTime? _inDatabase;

    private Task<DateTime?> AtAsync(DateTime utcNow) => _next.AfterAsync(utcNow, (_, _) =>
    {
        _reads++;
        return Task.FromResult(_inDatabase);
    }, default);

    [Fact]
    public async Task Is_read_once_an_interval()
    {
        _inDatabase = Start.AddHours(2);
        Assert.Equal(Start.AddHours(2), await AtAsync(Start));
        Assert.Equal(Start.AddHours(2), await AtAsync(Start + ScheduledPublicationEviction.Interval / 2));
        Assert.Equal(1, _reads);

        _inDatabase = Start.AddHours(1);
        Assert.Equal(Start.AddHours(1), await AtAsync(Start + ScheduledPublicationEviction.Interval));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Is_read_again_when_its_time_has_come()
    {
        _inDatabase = Start.AddSeconds(1);
        await AtAsync(Start);
        _inDatabase = null;
        Assert.Null(await AtAsync(Start.AddSeconds(1)));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task Is_read_again_after_a_publication_here()
    {
        Assert.Null(await AtAsync(Start));
        _inDatabase = Start.AddHours(2);
        _next.Forget();
        Assert.Equal(Start.AddHours(2), await AtAsync(Start));
    }
}

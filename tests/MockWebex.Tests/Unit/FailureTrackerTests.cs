using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MockWebex.Delivery;

namespace MockWebex.Tests.Unit;

public sealed class FailureTrackerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly FailureTracker _tracker = new(Options.Create(new DeliveryOptions()));

    private bool Fail(DateTimeOffset? probation = null) => _tracker.RecordFailure("w", _clock.GetUtcNow(), probation);

    [Fact]
    public void RecordFailure_HundredthWithinFiveMinutes_Disables()
    {
        for (var i = 0; i < 99; i++)
        {
            Assert.False(Fail());
            _clock.Advance(TimeSpan.FromSeconds(3)); // 99 failures spread over 297 s
        }
        Assert.True(Fail());
    }

    [Fact]
    public void RecordFailure_OldFailuresSlideOutOfWindow_StaysActive()
    {
        for (var i = 0; i < 99; i++) Assert.False(Fail());
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(Fail()); // the first 99 are exactly 5 minutes old: outside the window
        for (var i = 0; i < 98; i++) Assert.False(Fail());
        Assert.True(Fail());
    }

    [Fact]
    public void RecordFailure_DuringProbation_OneFailureDisables()
    {
        var disabledAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var probation = _tracker.ProbationAfterReactivation(disabledAt, _clock.GetUtcNow());
        Assert.NotNull(probation);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(Fail(probation));
    }

    [Fact]
    public void ProbationAfterReactivation_LaterThanWindow_None()
    {
        var disabledAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(_tracker.ProbationAfterReactivation(disabledAt, _clock.GetUtcNow()));
        Assert.False(Fail(null));
    }

    [Fact]
    public void RecordFailure_ConfiguredThreshold_Honoured()
    {
        var tracker = new FailureTracker(Options.Create(new DeliveryOptions { FailureThreshold = 3, FailureWindow = TimeSpan.FromSeconds(10) }));
        var now = _clock.GetUtcNow();
        Assert.False(tracker.RecordFailure("x", now, null));
        Assert.False(tracker.RecordFailure("x", now, null));
        Assert.True(tracker.RecordFailure("x", now, null));
        Assert.Equal(3, tracker.RecentFailures("x", now));
        Assert.Equal(0, tracker.RecentFailures("x", now.AddSeconds(11)));
    }
}

using Microsoft.Extensions.Time.Testing;
using MockWebex.Common;

namespace MockWebex.Hosting;

/// <summary>
/// The emulator's one clock. Real, or virtual: a FakeTimeProvider that moves only when advanced, firing every
/// timer that came due (failure windows, probation, retry backoff, delivery timeouts, lane idle, retention) as it does.
/// </summary>
public sealed class EmulatorClock
{
    private readonly FakeTimeProvider? _virtual;

    private EmulatorClock(TimeProvider provider, FakeTimeProvider? virtualClock)
    {
        Provider = provider;
        _virtual = virtualClock;
    }

    /// <summary>What every service reads the time from (registered as the app's TimeProvider).</summary>
    public TimeProvider Provider { get; }

    public bool IsVirtual => _virtual is not null;

    public string Mode => IsVirtual ? "virtual" : "real";

    public DateTimeOffset Now => Provider.GetUtcNow();

    public static EmulatorClock Create(string? mode)
    {
        if (mode != "virtual") return new EmulatorClock(TimeProvider.System, null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new EmulatorClock(clock, clock);
    }

    /// <summary>Moves a virtual clock forward by <paramref name="by"/> and answers the new time; a real clock cannot be moved (409).</summary>
    public CommandResult<DateTimeOffset> Advance(TimeSpan by)
    {
        if (_virtual is null) return new WebexProblem("The clock is real; start the emulator with --clock virtual (Clock:Mode=virtual) to move it.", StatusCodes.Status409Conflict);
        if (by < TimeSpan.Zero) return (WebexProblem)"The clock only moves forward.";
        _virtual.Advance(by);
        return _virtual.GetUtcNow();
    }
}

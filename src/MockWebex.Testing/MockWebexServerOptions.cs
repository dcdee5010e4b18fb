using Microsoft.Extensions.DependencyInjection;

namespace MockWebex.Testing;

/// <summary>Settings for an in-process emulator; anything else goes in <see cref="Settings"/> (e.g. "Delivery:FailureThreshold").</summary>
public sealed class MockWebexServerOptions
{
    /// <summary>LiteDB file; null keeps everything in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>Seed for generated payloads, for reproducible runs.</summary>
    public int? Seed { get; set; }

    /// <summary>A virtual clock: time starts now and moves only with <see cref="MockWebexServer.AdvanceClockAsync"/>.</summary>
    public bool VirtualClock { get; set; }

    /// <summary>Configuration keys as in appsettings ("Section:Key"); they win over environment variables.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces or adds services after the emulator's own, e.g. a <c>TimeProvider</c> the test controls.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

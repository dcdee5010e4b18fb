using System.ComponentModel.DataAnnotations;

namespace MockWebex.Hosting;

public sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary>
    /// "real" (the machine's clock) or "virtual": time starts now and moves only when told
    /// (POST /_emulator/clock/advance), so tests can fast-forward Webex's 5-minute windows.
    /// </summary>
    [RegularExpression("^(real|virtual)$", ErrorMessage = "Clock:Mode must be real or virtual.")]
    public string Mode { get; set; } = "real";
}

using System.Globalization;

namespace MockWebex.Common;

/// <summary>Webex timestamps are UTC with milliseconds and a Z: 2020-02-08T22:49:20.765Z.</summary>
public static class WebexTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Now(TimeProvider clock) => Format(clock.GetUtcNow());
}

namespace MockWebex.Common;

/// <summary>
/// Webex echoes a client's TrackingID header in a `trackingid` response header and puts the same
/// value in error bodies; without one it makes its own (ROUTER_ + uppercase UUID).
/// </summary>
public static class TrackingId
{
    private const string ItemKey = "MockWebex.TrackingId";

    public static string Get(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var value) && value is string id) return id;
        var fromClient = http.Request.Headers["TrackingID"].ToString();
        id = string.IsNullOrWhiteSpace(fromClient) ? $"ROUTER_{Guid.NewGuid().ToString().ToUpperInvariant()}" : fromClient;
        http.Items[ItemKey] = id;
        return id;
    }

    public static IApplicationBuilder UseTrackingId(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.Headers["trackingid"] = Get(http);
            return next(http);
        });
}

using MockWebex.Storage;

namespace MockWebex.Admin;

/// <summary>The emulator's own control plane under the reserved /_emulator prefix (no auth: it is a local tool).</summary>
public static class EmulatorApi
{
    public static IEndpointRouteBuilder MapEmulatorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_emulator").WithTags("Emulator");
        group.MapPost("/reset", (WebexStore store, Delivery.FailureTracker failures) =>
        {
            store.Reset();
            failures.Clear();
            return TypedResults.NoContent();
        }).WithSummary("Delete every webhook, delivery and resource");
        return routes;
    }
}

using MockWebex.Resources;

namespace MockWebex.Faults;

/// <summary>/_emulator/faults: add, list and remove the rules that make /v1 misbehave on cue (see <see cref="FaultRule"/>).</summary>
public static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_emulator/faults").WithTags("Emulator");
        group.MapPost("/", (FaultRule? rule, FaultRules rules) =>
        {
            if (rule is null) return Results.Problem("Body required: {\"path\":\"/v1/messages/*\",\"status\":429,\"retryAfter\":2,\"count\":1}.", statusCode: 400);
            return rules.Add(rule, out var added) is { } problem ? Results.Problem(problem, statusCode: 400) : TypedResults.Ok(added);
        }).WithSummary("Make matching /v1 requests fail (status, Retry-After), slow (delayMs) or both; count/probability limit it");
        group.MapGet("/", (FaultRules rules) => TypedResults.Ok(new ItemList<FaultRule>(rules.All())))
            .WithSummary("The active fault rules and how often each fired");
        group.MapDelete("/", (FaultRules rules) =>
        {
            var removed = rules.All().Count;
            rules.Clear();
            return TypedResults.Ok(new FaultsRemoved(removed));
        }).WithSummary("Remove every fault rule");
        group.MapDelete("/{id}", (string id, FaultRules rules) =>
            rules.Remove(id) ? Results.Ok(new FaultsRemoved(1)) : Results.Problem($"No fault rule {id}.", statusCode: 404));
        return routes;
    }
}

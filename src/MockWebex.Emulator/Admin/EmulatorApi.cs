using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Events;
using MockWebex.Fixtures;
using MockWebex.Resources;
using MockWebex.Scenarios;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Admin;

/// <summary>
/// The emulator's own control plane under the reserved /_emulator prefix (like WireMock's /__admin):
/// trigger events, read the delivery log, redeliver, explain matching, reset. No auth: it is a local
/// tool; errors here are RFC 7807 problem details, not Webex bodies.
/// </summary>
public static class EmulatorApi
{
    /// <summary>The delivery log's version when a GET /_emulator/deliveries was answered; wait for a later one with GET /deliveries/changes.</summary>
    public const string LogVersionHeader = "X-Delivery-Log-Version";

    public static IEndpointRouteBuilder MapEmulatorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_emulator").WithTags("Emulator");

        group.MapPost("/events", Trigger).WithSummary("Generate events from fixtures and deliver them to matching webhooks");
        group.MapGet("/fixtures", (FixtureCatalog fixtures) =>
            TypedResults.Ok(fixtures.All.Select(f => new FixtureDto(f.Name, f.Resource, f.Event, f.Description, f.Source, f.Data))))
            .WithSummary("Every resource.event the emulator can generate");
        group.MapGet("/deliveries", ListDeliveries).WithSummary("Delivery log, newest first");
        group.MapGet("/deliveries/{id:long}", (long id, DeliveryLog log, WebhookService webhooks) =>
            log.Find(id) is { } d ? Results.Ok(d.ToDto(webhooks.Find(d.WebhookId))) : Results.Problem($"No delivery {id}.", statusCode: 404));
        group.MapGet("/deliveries/changes", WaitForChange)
            .WithSummary($"Waits (up to `timeout` seconds, 30 by default) until the delivery log moves past version `since` (the {LogVersionHeader} header of a GET /deliveries); answers the new version");
        group.MapPost("/deliveries/{id:long}/redeliver", Redeliver).WithSummary("Send a delivery's bytes again, signed with the current secret");
        group.MapGet("/webhooks", (WebhookService webhooks, FailureTracker failures, TimeProvider clock, IOptions<DeliveryOptions> delivery, bool? secrets) =>
            TypedResults.Ok(webhooks.All().Select(w => new AdminWebhookDto(
                // Secrets only when asked for (?secrets=true): this list feeds a page that may be on screen or shared.
                secrets == true ? w.ToDto() : w.ToDto() with { Secret = null }, w.Secret is { Length: > 0 },
                failures.RecentFailures(w.Id, clock.GetUtcNow()), w.DisabledAt,
                delivery.Value.FailureThreshold, delivery.Value.FailureWindow, w.ProbationUntil > clock.GetUtcNow() ? w.ProbationUntil : null))))
            .WithSummary("Every user's webhooks with their recent failures (secrets with ?secrets=true)");
        group.MapPost("/webhooks/{id}/reactivate", (string id, WebhookService webhooks) =>
            webhooks.Reactivate(id) is { } w ? Results.Ok(w.ToDto()) : Results.Problem($"No webhook {id}.", statusCode: 404));
        group.MapDelete("/webhooks/{id}", (string id, WebhookService webhooks) =>
        {
            if (webhooks.Find(id) is not { } webhook) return Results.Problem($"No webhook {id}.", statusCode: 404);
            webhooks.Delete(webhook);
            return Results.NoContent();
        });
        group.MapGet("/webhooks/{id}/explain", ExplainFromQuery).WithSummary("Why an event would or would not reach a webhook");
        group.MapPost("/webhooks/{id}/explain", Explain);
        group.MapGet("/scenarios", (ScenarioRunner scenarios) =>
            TypedResults.Ok(scenarios.All().Select(s => new ScenarioDto(s.Name, s.Description, s.Steps.Select(t => new ScenarioStepDto(t.Name, t.Event)).ToList())).ToList()));
        group.MapPost("/scenarios/{name}/run", RunScenario).WithSummary("Play a scenario from fixtures/scenarios");
        group.MapGet("/messages", ListMessages)
            .WithSummary("Messages oldest first, optionally of one room or author and only the newest `limit`: what a bot under test posted");
        group.MapGet("/clock", (MockWebex.Hosting.EmulatorClock clock) => TypedResults.Ok(new ClockDto(WebexTime.Format(clock.Now), clock.Mode)))
            .WithSummary("The emulator's time, and whether it is real or virtual (--clock virtual)");
        group.MapPost("/clock/advance", AdvanceClock)
            .WithSummary("Move a virtual clock forward ({\"by\":\"00:05:00\"} or {\"to\":\"<ISO time>\"}); whatever came due runs");
        group.MapPost("/reset", (WebexStore store, DeliveryRepository deliveries, FailureTracker failures, MockWebex.Auth.IdentityDirectory identities,
            MockWebex.Faults.FaultRules faults) =>
        {
            store.Reset(); // what is held in memory from the file (webhooks, people) is dropped through WebexStore.Cleared
            faults.Clear();
            deliveries.Changed.Notify();
            failures.Clear();
            identities.ForgetGenerated();
            return TypedResults.NoContent();
        }).WithSummary("Delete every webhook, delivery, resource and fault rule");
        return routes;
    }

    private static IResult Trigger(TriggerRequest? body, EventFactory factory, EventPublisher publisher, WebhookService webhooks, MockWebex.Auth.IdentityDirectory identities,
        MockWebex.Storage.RetentionService retention)
    {
        if (body is null) return Results.Problem("Body required: {\"resource\":\"messages\",\"event\":\"created\"}.", statusCode: 400);
        if (string.IsNullOrEmpty(body.Resource) || string.IsNullOrEmpty(body.Event))
            return Results.Problem("resource and event are required.", statusCode: 400);
        if (body.Delivery?.Problem() is { } faultProblem) return Results.Problem(faultProblem, statusCode: 400);
        try
        {
            retention.KeepUp();
            var events = factory.Create(new EventRequest(body.Resource, body.Event, body.Data, body.Actor, body.Count ?? 1, body.Seed, body.VisibleTo, body.Details), out var warnings);
            var queued = publisher.Publish(events, body.Delivery).ToLookup(q => q.EventId);
            var result = events.Select(e => new TriggeredEvent(e.Id, e.Resource, e.Event, e.ActorId, e.Data,
                queued[e.Id].Select(q => new TriggeredDelivery(q.WebhookId, q.DeliveryId)).ToList())).ToList();
            if (events.FirstOrDefault(e => !queued.Contains(e.Id)) is { } unheard)
                warnings = [.. warnings, TriggerWarnings.NoDelivery(unheard, webhooks.All(), w => identities.IsBot(w.CreatedBy))];
            return TypedResults.Ok(new TriggerResponse(events[0].Seed, result, warnings));
        }
        catch (Exception e) when (e is EventRequestException or TemplateException)
        {
            return Results.Problem(e.Message, statusCode: (e as EventRequestException)?.Status ?? 400);
        }
    }

    private static async Task<IResult> RunScenario(string name, HttpRequest request, ScenarioRunner scenarios, EventFactory factory, CancellationToken ct)
    {
        var scenario = scenarios.Find(name);
        if (scenario is null) return Results.Problem($"No scenario '{name}'. GET /_emulator/scenarios lists them.", statusCode: 404);
        // Step i has seed + i; without a seed the steps take the next seeds of the run, as triggers do (Events:Seed repeats them).
        var given = request.Query["seed"].ToString();
        int seed;
        if (given.Length == 0) seed = factory.NextSeeds(scenario.Steps.Count);
        else if (!int.TryParse(given, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out seed))
            return Results.Problem($"seed must be a whole number between {int.MinValue} and {int.MaxValue}, got '{given}'.", statusCode: 400);
        try
        {
            return TypedResults.Ok(new { scenario = scenario.Name, seed, steps = await scenarios.RunAsync(scenario, seed, ct) });
        }
        catch (Exception e) when (e is ScenarioException or TemplateException)
        {
            return Results.Problem(e.Message, statusCode: 400);
        }
    }

    private static IResult ListMessages(Conversations conversations, string? roomId, string? personId, int? limit)
    {
        if (limit is < 1) return Results.Problem("limit must be at least 1.", statusCode: 400);
        // A room's messages come through the roomId index; only without one is every message read.
        var newestFirst = (roomId is null ? conversations.MessagesNewestFirst() : conversations.MessagesIn(roomId, long.MaxValue)).Where(m => personId is null || m.PersonId == personId);
        var page = newestFirst.Take(limit ?? int.MaxValue).Select(m => m.ToDto()).ToList();
        page.Reverse();
        return TypedResults.Ok(page);
    }

    /// <param name="event">resource.event, e.g. messages.created.</param>
    private static IResult ListDeliveries(HttpResponse response, DeliveryLog log, WebhookService webhooks, string? webhookId, string? status, string? @event, int? limit)
    {
        // Read before the query: a change during it moves the version past this one, so a waiter never misses it.
        response.Headers[LogVersionHeader] = log.Changed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status is not (null or DeliveryStatus.Pending or DeliveryStatus.Succeeded or DeliveryStatus.Failed or DeliveryStatus.Dropped))
            return Results.Problem($"status must be one of pending, succeeded, failed, dropped; got '{status}'.", statusCode: 400);
        if (limit is < 1 or > 10_000) return Results.Problem("limit must be between 1 and 10000.", statusCode: 400);
        var parts = @event?.Split('.', 2);
        if (parts is not (null or [_, _])) return Results.Problem($"event must be resource.event, e.g. messages.created; got '{@event}'.", statusCode: 400);
        return TypedResults.Ok(log.Query(webhookId, status, limit ?? 100, parts?[0], parts?[1]).Select(d => d.ToDto(webhooks.Find(d.WebhookId))).ToList());
    }

    private static IResult AdvanceClock(ClockAdvanceRequest? body, MockWebex.Hosting.EmulatorClock clock)
    {
        if (body is null || (body.By is null) == (body.To is null))
            return Results.Problem("Give exactly one of by (a duration, e.g. \"00:05:00\") or to (an ISO 8601 time).", statusCode: 400);
        var result = clock.Advance(body.By ?? body.To!.Value - clock.Now);
        return result.Problem is { } problem
            ? Results.Problem(problem.Message, statusCode: problem.Status)
            : TypedResults.Ok(new ClockDto(WebexTime.Format(result.Value), clock.Mode));
    }

    /// <summary>A long poll for processes that cannot subscribe in-process (CI scripts, the tunnel tests): no polling on a timer.</summary>
    private static async Task<IResult> WaitForChange(DeliveryLog log, long since, int? timeout, CancellationToken aborted)
    {
        if (timeout is < 1 or > 300) return Results.Problem("timeout must be between 1 and 300 seconds.", statusCode: 400);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        limit.CancelAfter(TimeSpan.FromSeconds(timeout ?? 30));
        try
        {
            await log.Changed.WaitForChangeAsync(since, limit.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            // Timed out: the answer says the version has not moved.
        }
        return TypedResults.Ok(new LogVersion(log.Changed.Version));
    }

    private static async Task<IResult> Redeliver(long id, HttpRequest request, DeliveryLog log, EventPublisher publisher, WebhookService webhooks)
    {
        var original = log.Find(id);
        if (original is null) return Results.Problem($"No delivery {id}.", statusCode: 404);
        var webhook = webhooks.Find(original.WebhookId);
        if (webhook is null) return Results.Problem($"Webhook {original.WebhookId} was deleted.", statusCode: 409);
        if (!webhook.IsActive) return Results.Problem($"Webhook {webhook.Id} is inactive; reactivate it (PUT status=active) first.", statusCode: 409);
        string? edited = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            RedeliverRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<RedeliverRequest>();
            }
            catch (System.Text.Json.JsonException)
            {
                return Results.Problem("Expected {\"body\": \"<the JSON to send, as a string>\"} or no body.", statusCode: 400);
            }
            edited = body?.Body;
            // The receiver gets these bytes as they are: they must at least be JSON, as Webex's always are.
            if (edited is not null && !IsJson(edited)) return Results.Problem("body must be JSON (it is sent as the delivery's exact bytes).", statusCode: 400);
        }
        return TypedResults.Ok(publisher.Redeliver(original, edited).ToDto(webhook));
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static IResult ExplainFromQuery(string id, string? resource, string? @event, string? data, string? actor, ExplainService explain)
    {
        JsonObject? parsed = null;
        if (data is not null)
        {
            try { parsed = JsonNode.Parse(data) as JsonObject; }
            catch (System.Text.Json.JsonException) { }
            if (parsed is null) return Results.Problem("data must be a JSON object.", statusCode: 400);
        }
        return explain.Explain(id, new TriggerRequest(resource, @event, parsed, actor, 1, null, null));
    }

    private static IResult Explain(string id, TriggerRequest? body, ExplainService explain) =>
        body is null ? Results.Problem("Body required.", statusCode: 400) : explain.Explain(id, body);
}

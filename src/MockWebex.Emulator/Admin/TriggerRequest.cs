using System.Text.Json.Nodes;

namespace MockWebex.Admin;

/// <summary>POST /_emulator/events body.</summary>
public sealed record TriggerRequest(string? Resource, string? Event, JsonObject? Data, string? Actor, int? Count, int? Seed, List<string>? VisibleTo, JsonObject? Details = null, MockWebex.Delivery.DeliveryFaults? Delivery = null);

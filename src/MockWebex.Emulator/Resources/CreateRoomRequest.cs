namespace MockWebex.Resources;

/// <summary>Request bodies, for the OpenAPI document only: handlers validate the raw JSON to answer Webex's errors.</summary>
public sealed record CreateRoomRequest(string Title, string? TeamId);

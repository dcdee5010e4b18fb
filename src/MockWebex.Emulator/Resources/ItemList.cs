namespace MockWebex.Resources;

// The objects of the REST API with their common fields, in the order Webex writes them. Optional
// fields are left out when unset, as Webex does.

public sealed record ItemList<T>(IReadOnlyList<T> Items);

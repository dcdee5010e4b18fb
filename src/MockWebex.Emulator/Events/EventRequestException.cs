namespace MockWebex.Events;

/// <param name="status">400 for a mistake in the request, 413 when it asks for more than the limits allow.</param>
public sealed class EventRequestException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}

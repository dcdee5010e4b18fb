using System.Text.Json;

namespace MockWebex.Tunnel;

/// <summary>Reads "resource.event" from a Webex envelope's top level without building a document (bodies can be MiBs).</summary>
public static class EnvelopeName
{
    public static string Of(ReadOnlySpan<byte> body)
    {
        string? resource = null, @event = null;
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "-";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("resource"u8) ? 1 : reader.ValueTextEquals("event"u8) ? 2 : 0;
                reader.Read();
                if (name != 0 && reader.TokenType == JsonTokenType.String)
                {
                    if (name == 1) resource = reader.GetString();
                    else @event = reader.GetString();
                    if (resource is not null && @event is not null) return $"{resource}.{@event}";
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or cut short: no envelope name.
        }
        return "-";
    }
}

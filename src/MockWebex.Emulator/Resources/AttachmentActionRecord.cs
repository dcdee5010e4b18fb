namespace MockWebex.Resources;

public sealed class AttachmentActionRecord
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "submit";
    public string MessageId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string RoomId { get; set; } = "";
    /// <summary>The card's input values, kept as the JSON the client sent.</summary>
    public string InputsJson { get; set; } = "{}";
    public string Created { get; set; } = "";
}

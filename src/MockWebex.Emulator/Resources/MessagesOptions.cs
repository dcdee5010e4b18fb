using System.ComponentModel.DataAnnotations;

namespace MockWebex.Resources;

public sealed class MessagesOptions
{
    public const string Section = "Messages";

    /// <summary>The largest file a multipart POST /v1/messages may carry (Webex's documented limit is 100 MB); beyond it, 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
}

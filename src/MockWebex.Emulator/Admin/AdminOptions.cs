namespace MockWebex.Admin;

/// <summary>Who may use the control plane (/_emulator and the dashboard). Defaults keep it to this machine's own pages and tools.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>When set, /_emulator requires `Authorization: Bearer &lt;token&gt;` (the dashboard asks for it once per tab).</summary>
    public string? Token { get; set; }

    /// <summary>Web origins besides the emulator's own that may call /_emulator (e.g. "http://localhost:5173"); "*" = any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Host names besides loopback ones and the bound address that requests may name; "*" = any (the Docker image).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest body a control-plane request may carry (413 beyond it).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}

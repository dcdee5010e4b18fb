using System.ComponentModel.DataAnnotations;

namespace MockWebex.Hosting;

public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>0 picks a free port; the chosen URL is printed at start.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Interface to listen on; the Docker image sets 0.0.0.0.</summary>
    public string Host { get; set; } = "127.0.0.1";
}

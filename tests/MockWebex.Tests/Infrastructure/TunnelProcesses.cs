namespace MockWebex.Tests.Infrastructure;

/// <summary>The tunnel's CLI verbs as the user runs them: `relay`, `listen` and `forward`, each its own process.</summary>
public static class TunnelProcesses
{
    public const string Token = "relay-token";

    /// <summary>Starts `mockwebex relay` on a free loopback port; returns it and the URL it printed.</summary>
    public static async Task<(CliProcess Relay, string Url)> StartRelayAsync(params string[] extra)
    {
        var relay = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "relay", "--host", "127.0.0.1", "--port", "0", .. extra],
            new Dictionary<string, string> { ["MOCKWEBEX_RELAY_TOKEN"] = Token });
        return (relay, await relay.WaitForUrlAsync(@"relay listening on (https?://\S+)"));
    }

    /// <summary>Starts `mockwebex listen` (token from the environment) and waits until it says the tunnel is up.</summary>
    public static async Task<CliProcess> StartListenAsync(string relayUrl, string channel, string forwardTo, params string[] extra)
    {
        var listen = StartListen(relayUrl, channel, forwardTo, extra);
        await listen.WaitForOutputAsync("^connected: ", occurrence: 1);
        return listen;
    }

    public static CliProcess StartListen(string relayUrl, string channel, string forwardTo, params string[] extra) =>
        CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, "listen", "--relay", relayUrl, "--channel", channel, "--forward-to", forwardTo, .. extra],
            new Dictionary<string, string> { ["MOCKWEBEX_RELAY_TOKEN"] = Token });

    /// <summary>A self-signed certificate for 127.0.0.1 made with openssl, as a user would make one.</summary>
    public static async Task<(string Cert, string Key)> CertificateAsync(string folder)
    {
        var (cert, key) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        var (exit, output) = await CliProcess.RunProgramAsync("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]);
        Assert.True(exit == 0, output);
        return (cert, key);
    }

    /// <summary>An HttpClient that trusts every certificate: it stands for Webex, which the test's self-signed certificate cannot convince.</summary>
    public static HttpClient Webex() => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        MaxConnectionsPerServer = 1000,
    })
    { Timeout = TimeSpan.FromSeconds(60) };
}

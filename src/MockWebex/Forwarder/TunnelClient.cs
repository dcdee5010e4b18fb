using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace MockWebex.Forwarder;

/// <summary>
/// `mockwebex listen`: dials out to the relay over WebSockets (nothing listens publicly on the
/// developer's machine) and splices each tunnel connection, byte for byte, to a local inspecting
/// forwarder that relays to --forward-to. Keeps a few idle connections ready and reconnects with
/// backoff when the relay goes away.
/// </summary>
public sealed class TunnelClient : IAsyncDisposable
{
    private readonly Uri _tunnelUri;
    private readonly string _token;
    private readonly WebApplication _inspector;
    private readonly TimeSpan _keepAlive;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _localPort;

    public TunnelClient(string relay, string channel, string token, InspectOptions inspect, TextWriter console, TimeSpan? keepAlive = null)
    {
        var baseUri = new Uri(relay.TrimEnd('/') + "/");
        var ws = new UriBuilder(baseUri) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        _tunnelUri = new Uri(ws, $"tunnel/{Uri.EscapeDataString(channel)}");
        PublicUrl = new Uri(baseUri, $"hooks/{Uri.EscapeDataString(channel)}").ToString();
        _token = token;
        _keepAlive = keepAlive ?? TimeSpan.FromSeconds(15);
        _inspector = InspectingForwarder.Build(inspect, "http://127.0.0.1:0", console);
        Console = console;
    }

    public string PublicUrl { get; }
    public TextWriter Console { get; }
    public RelayFeed Feed => _inspector.Feed();

    /// <summary>The local page showing what came through the tunnel.</summary>
    public string FeedUrl => _inspector.Urls.First() + "/_relay/";

    /// <summary>Set when the relay refused the token; the client stops trying.</summary>
    public string? Refused { get; private set; }

    public async Task StartAsync(int connections = 4)
    {
        await _inspector.StartAsync();
        _localPort = new Uri(_inspector.Urls.First()).Port;
        for (var i = 0; i < connections; i++) _loops.Add(Task.Run(() => ConnectionLoopAsync(_stop.Token)));
    }

    private async Task ConnectionLoopAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stop.IsCancellationRequested && Refused is null)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + _token);
            socket.Options.KeepAliveInterval = _keepAlive;
            socket.Options.CollectHttpResponseDetails = true;
            try
            {
                await socket.ConnectAsync(_tunnelUri, stop);
                backoff = TimeSpan.FromMilliseconds(200);
                await SpliceAsync(socket, stop);
            }
            catch (WebSocketException) when (socket.HttpStatusCode == HttpStatusCode.Unauthorized)
            {
                Refused = "the relay refused the token (401)";
                await Console.WriteLineAsync("error: " + Refused);
            }
            catch (Exception e) when (e is WebSocketException or IOException or SocketException or HttpRequestException)
            {
                // Relay down or connection dropped: retry with backoff, up to 5 s between attempts.
                await Task.Delay(backoff, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits for the relay to use this connection, then pipes bytes both ways to the local forwarder.</summary>
    private async Task SpliceAsync(ClientWebSocket socket, CancellationToken stop)
    {
        await using var tunnel = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false);
        var first = new byte[16 * 1024];
        var read = await tunnel.ReadAsync(first, stop);
        if (read == 0) return;
        using var local = new TcpClient { NoDelay = true };
        await local.ConnectAsync(IPAddress.Loopback, _localPort, stop);
        await using var localStream = local.GetStream();
        await localStream.WriteAsync(first.AsMemory(0, read), stop);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var up = tunnel.CopyToAsync(localStream, done.Token);
        var down = localStream.CopyToAsync(tunnel, done.Token);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
        if (socket.State == WebSocketState.Open)
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _inspector.StopAsync();
        await _inspector.DisposeAsync();
    }
}

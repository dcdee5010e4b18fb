using System.Net;
using System.Net.WebSockets;

namespace MockWebex.Tunnel;

/// <summary>
/// One attached client on the relay: its WebSocket carries one HTTP/2 connection whose streams are the
/// deliveries (no pool to run dry). The connection pings the client; when a ping goes unanswered or the
/// socket closes, the handler drops the connection, <see cref="Finished"/> completes and in-flight
/// deliveries fail at once instead of hanging.
/// </summary>
public sealed class TunnelSession : IDisposable
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stream _stream;
    private int _handedOut;

    public TunnelSession(string channel, string clientId, string remote, WebSocket socket, RelayOptions options)
    {
        Channel = channel;
        ClientId = clientId;
        Remote = remote;
        _stream = new NotifyingStream(WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false), () => _finished.TrySetResult());
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            KeepAlivePingDelay = options.PingInterval,
            KeepAlivePingTimeout = options.PingTimeout,
            // The socket carries exactly one connection; once that is gone, so is the client.
            ConnectCallback = (_, _) => Interlocked.Exchange(ref _handedOut, 1) == 0
                ? ValueTask.FromResult(_stream)
                : ValueTask.FromException<Stream>(new IOException("the tunnel client disconnected")),
        });
    }

    public string Channel { get; }
    public string ClientId { get; }
    public string Remote { get; }
    public HttpMessageInvoker Invoker { get; }

    /// <summary>Completes when the tunnel connection is gone (closed, failed, or a ping went unanswered).</summary>
    public Task Finished => _finished.Task;

    /// <summary>
    /// Sends the client a tunnel message it answers itself (never forwarded): "ping" opens the HTTP/2
    /// connection and proves it works; "attached" tells the client deliveries now come its way.
    /// </summary>
    public async Task<bool> TellAsync(string message, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        using var request = NewRequest(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation(TunnelProtocol.PingHeader, message);
        try
        {
            using var response = await Invoker.SendAsync(request, limit.Token);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A request to the client: HTTP/2 exactly, the target sent byte for byte.</summary>
    public static HttpRequestMessage NewRequest(HttpMethod method, string rawTarget) =>
        new(method, TunnelProtocol.ExactUri("http://tunnel" + rawTarget)) { Version = TunnelProtocol.HttpVersion, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    public void Dispose()
    {
        Invoker.Dispose();
        _stream.Dispose();
        _finished.TrySetResult();
    }
}

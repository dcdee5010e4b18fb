using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace MockWebex.Tunnel;

/// <summary>
/// `mockwebex listen`: dials one WebSocket out to the relay (nothing listens publicly on the developer's
/// machine) and splices it, byte for byte, to the local ingress of a <see cref="DeliveryInspector"/>,
/// which speaks HTTP/2 with the relay and forwards to --forward-to. It says "connected" only once the
/// relay has tested the tunnel and routes the channel here; a refused token or an untrusted certificate ends it with one
/// line; anything else is retried with backoff, each attempt printed with its reason.
/// </summary>
public sealed class TunnelClient : IAsyncDisposable
{
    private readonly TunnelClientOptions _options;
    private readonly DeliveryInspector _inspector;
    private readonly TextWriter _console;
    private readonly Uri _tunnelUri;
    private readonly string _clientId = Guid.NewGuid().ToString("N");
    private readonly X509Certificate2Collection? _trusted;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public TunnelClient(TunnelClientOptions options, InspectOptions inspect, TextWriter console)
    {
        _options = options;
        _console = console;
        var baseUri = new Uri(options.Relay.TrimEnd('/') + "/");
        if (baseUri.Scheme is not ("http" or "https")) throw new ArgumentException($"--relay must be an http or https URL, not '{options.Relay}'");
        var ws = new UriBuilder(baseUri) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        _tunnelUri = new Uri(ws, $"tunnel/{Uri.EscapeDataString(options.Channel)}");
        PublicUrl = new Uri(baseUri, $"hooks/{Uri.EscapeDataString(options.Channel)}").ToString();
        if (options.CaFile is not null)
        {
            _trusted = [];
            _trusted.ImportFromPemFile(options.CaFile);
        }
        _inspector = DeliveryInspector.Create(inspect, "127.0.0.1", 0, behindTunnel: true, console);
        _inspector.TunnelMessage += message => { if (message == TunnelProtocol.Attached) _attached.TrySetResult(); };
        ForwardTo = inspect.ForwardTo;
    }

    public string PublicUrl { get; }
    public string ForwardTo { get; }
    public RelayFeed Feed => _inspector.Feed;
    public string InspectorUrl => _inspector.InspectorUrl;

    /// <summary>Completes with null once the tunnel is up, or with the reason it cannot be (refused, untrusted certificate).</summary>
    public Task<string?> Ready => _ready.Task;

    /// <summary>Set when the client gave up for good (the relay refused it, or its certificate is not trusted).</summary>
    public string? Refused { get; private set; }

    /// <summary>Completes when the client stops (disposed, or gave up).</summary>
    public Task Stopped => _loop;

    public async Task StartAsync()
    {
        await _inspector.StartAsync();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        var connectedBefore = false;
        while (!stop.IsCancellationRequested)
        {
            using var socket = NewSocket();
            try
            {
                await socket.ConnectAsync(_tunnelUri, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (Fatal(socket, e) is { } fatal)
                {
                    Refused = fatal;
                    await _console.WriteLineAsync("error: " + fatal);
                    _ready.TrySetResult(fatal);
                    return;
                }
                await _console.WriteLineAsync($"cannot reach the relay at {_options.Relay} ({Reason(socket, e)}); retrying in {backoff.TotalSeconds:0.0} s");
                await Task.Delay(backoff, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
                continue;
            }

            _attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var splice = SpliceAsync(socket, stop);
            if (await Task.WhenAny(_attached.Task, splice) == _attached.Task)
            {
                backoff = TimeSpan.FromMilliseconds(200);
                await _console.WriteLineAsync($"{(connectedBefore ? "reconnected" : "connected")}: {PublicUrl} → {ForwardTo}");
                if (!connectedBefore) await _console.WriteLineAsync($"inspector: {InspectorUrl}");
                connectedBefore = true;
                _ready.TrySetResult(null);
            }
            var reason = await splice;
            if (stop.IsCancellationRequested) return;
            await _console.WriteLineAsync($"disconnected from the relay ({reason}); reconnecting in {backoff.TotalSeconds:0.0} s");
            await Task.Delay(backoff, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5000));
        }
    }

    private ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _options.Token);
        socket.Options.SetRequestHeader(TunnelProtocol.ClientIdHeader, _clientId);
        socket.Options.KeepAliveInterval = _options.PingInterval;
        socket.Options.KeepAliveTimeout = _options.PingTimeout;
        socket.Options.CollectHttpResponseDetails = true;
        if (_trusted is not null) socket.Options.RemoteCertificateValidationCallback = TrustedByCaFile;
        return socket;
    }

    /// <summary>The system's trust, plus the --ca certificates as roots; the name must match either way.</summary>
    private bool TrustedByCaFile(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null) custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    /// <summary>Why retrying cannot help: the relay refused us, or its certificate is not one we trust.</summary>
    private string? Fatal(ClientWebSocket socket, Exception e)
    {
        if (TunnelProtocol.Refusal(socket.HttpStatusCode, _options.Channel) is { } refusal) return refusal;
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException || inner is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
                return $"TLS with the relay failed ({Innermost(e)}): is it an https relay, and is its certificate trusted? Pass --ca FILE for a private CA or a self-signed certificate";
        }
        return null;
    }

    private string Reason(ClientWebSocket socket, Exception e)
    {
        if (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols) return $"HTTP {(int)socket.HttpStatusCode}";
        // A plain-HTTP client talking to an HTTPS relay sees the connection end without an answer.
        var hint = _tunnelUri.Scheme == "ws" && e.GetBaseException() is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? "; is the relay https?" : "";
        return Innermost(e) + hint;
    }

    private static string Innermost(Exception e) => e.GetBaseException().Message.TrimEnd('.');

    /// <summary>Pipes bytes both ways between the tunnel and the local ingress until either side ends; returns why.</summary>
    private async Task<string> SpliceAsync(ClientWebSocket socket, CancellationToken stop)
    {
        try
        {
            await using var tunnel = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false);
            using var local = new TcpClient { NoDelay = true };
            await local.ConnectAsync(IPAddress.Loopback, new Uri(_inspector.IngressUrl).Port, stop);
            await using var localStream = local.GetStream();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var up = tunnel.CopyToAsync(localStream, done.Token);
            var down = localStream.CopyToAsync(tunnel, done.Token);
            var ended = await Task.WhenAny(up, down);
            await done.CancelAsync();
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return ended.Exception is { } error ? Innermost(error) : ended == up ? "the relay closed the tunnel" : "the local ingress closed";
        }
        catch (Exception e) when (e is IOException or SocketException or WebSocketException or OperationCanceledException)
        {
            return Innermost(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ready.TrySetResult("stopped");
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _inspector.DisposeAsync();
    }
}

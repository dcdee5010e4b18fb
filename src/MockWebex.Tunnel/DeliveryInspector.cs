using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MockWebex.Common;
using MockWebex.Delivery;
using MockWebex.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace MockWebex.Tunnel;

/// <summary>
/// What `forward` and `listen` run locally: an ingress that relays every request, unchanged, to the
/// developer's app with YARP (showing each delivery, checking X-Spark-Signature when given the secret,
/// recording to a JSONL file), and an inspector page with its data on a separate loopback-only port.
/// The ingress serves nothing of its own, so whatever can reach it (the relay, a public ingress)
/// reaches the app and never the feed. Behind the tunnel the ingress speaks HTTP/2 to the relay.
/// </summary>
public sealed class DeliveryInspector : IAsyncDisposable
{
    private readonly WebApplication _ingress;
    private readonly WebApplication _page;
    private readonly TaskCompletionSource _pinged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DeliveryInspector(WebApplication ingress, WebApplication page, RelayFeed feed)
    {
        _ingress = ingress;
        _page = page;
        Feed = feed;
    }

    public RelayFeed Feed { get; }

    /// <summary>Where deliveries come in (the relay's client connects here, or Webex/a proxy for `forward`).</summary>
    public string IngressUrl => _ingress.Urls.First();

    /// <summary>The local inspector page.</summary>
    public string InspectorUrl => _page.Urls.First() + "/_relay/";

    /// <summary>Raised for each message the relay sends through the tunnel (<see cref="TunnelProtocol.PingHeader"/>).</summary>
    public event Action<string>? TunnelMessage;

    /// <param name="behindTunnel">Ingress on loopback, HTTP/2 only, for `listen`; its targets start with /hooks/{channel}.</param>
    public static DeliveryInspector Create(InspectOptions options, string host, int port, bool behindTunnel, TextWriter console)
    {
        var feed = new RelayFeed();
        DeliveryInspector? inspector = null;
        var ingress = BuildIngress(options, host, port, behindTunnel, console, feed, message => inspector!.TunnelMessage?.Invoke(message));
        inspector = new DeliveryInspector(ingress, InspectorPage.Build(feed, options.InspectorPort), feed);
        return inspector;
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        await _ingress.StartAsync(ct);
        await _page.StartAsync(ct);
    }

    private static WebApplication BuildIngress(InspectOptions options, string host, int port, bool behindTunnel, TextWriter console, RelayFeed feed, Action<string> tunnelMessage)
    {
        var builder = SlimBuilder.Create();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (behindTunnel)
            {
                // The relay's one HTTP/2 connection carries every delivery: let it carry many at once and
                // never close it for being idle (the relay's pings keep watch instead).
                kestrel.Limits.Http2.MaxStreamsPerConnection = TunnelProtocol.MaxConcurrentDeliveries;
                // Wide flow-control windows and big frames: a 1 MiB delivery crosses in one go instead of
                // waiting for window updates, and in 64 KiB WebSocket frames rather than 16 KiB ones.
                kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
                kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
                kestrel.Limits.Http2.MaxFrameSize = 64 * 1024;
                // A year, not TimeSpan.MaxValue: that overflows Kestrel's deadline arithmetic and closed the tunnel every second.
                kestrel.Limits.KeepAliveTimeout = TimeSpan.FromDays(365);
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.Listen(host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port);
            }
        });
        builder.Services.AddHttpForwarder();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var app = builder.Build();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var capture = options.RecordPath is null ? null : new CaptureFile(options.RecordPath, line => console.WriteLine(line));
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var config = new ForwarderRequestConfig { ActivityTimeout = options.Timeout };
        var transformer = new ExactTargetTransformer((http, _) =>
            ForwardTarget.Join(options.ForwardTo, ForwardTarget.Suffix(ExactTargetTransformer.RawTarget(http), behindTunnel)));
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();

        app.Run(async http =>
        {
            if (behindTunnel && http.Request.Headers.TryGetValue(TunnelProtocol.PingHeader, out var message))
            {
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                tunnelMessage(message.ToString());
                return;
            }
            var started = clock.GetTimestamp();
            byte[] body;
            bool? valid = null;
            Tee? tee = null;
            if (options.RejectBadSignatures && options.Secret is not null)
            {
                // The signature decides whether to forward at all: read the whole body first (into memory;
                // EnableBuffering would spill bodies over 30 KB to a temp file) and forward that copy.
                body = (await JsonRequest.ReadBoundedAsync(http.Request, int.MaxValue, http.RequestAborted))!;
                http.Request.Body = new MemoryStream(body, writable: false);
                valid = SignatureValid(http, body, options.Secret);
            }
            else
            {
                // Otherwise stream it to the app and keep a copy on the way: store-and-forward of a 1 MiB body
                // doubled its latency (measured).
                http.Request.Body = tee = new Tee(http.Request.Body, http.Request.ContentLength);
                body = [];
            }
            string? problem = null;
            if (valid == false)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsync("X-Spark-Signature does not match the secret", http.RequestAborted);
            }
            else
            {
                var error = await forwarder.SendAsync(http, options.ForwardTo, invoker, config, transformer);
                problem = error switch
                {
                    ForwarderError.None => null,
                    ForwarderError.RequestTimedOut => $"the app did not answer within {options.Timeout.TotalSeconds:0.#} s",
                    _ => $"could not reach {options.ForwardTo} ({error})",
                };
            }
            if (tee is not null)
            {
                try
                {
                    await tee.CopyToAsync(Stream.Null, http.RequestAborted); // what the app did not read, if it answered early
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
                {
                    // The sender went away mid-body: record what arrived.
                }
                body = tee.Copy();
                if (options.Secret is not null) valid = SignatureValid(http, body, options.Secret);
            }

            var suffix = ForwardTarget.Suffix(ExactTargetTransformer.RawTarget(http), behindTunnel);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var (time, latency) = (clock.GetUtcNow(), clock.GetElapsedTime(started).TotalMilliseconds);
            var eventName = EnvelopeName.Of(body);
            // The feed keeps the head of a large body only (the capture file keeps it whole): decoding and
            // holding every 1 MiB body was most of what a large delivery cost here (measured).
            feed.Add(CapturedDelivery.Create(time, http.Request.Method, suffix, headers, body.AsSpan(0, Math.Min(body.Length, RelayFeed.MaxBodyBytes)).ToArray(),
                http.Response.StatusCode, latency, valid), body.Length, eventName);
            if (!options.Quiet)
            {
                var signature = valid switch { true => "signature ok", false => "SIGNATURE MISMATCH", null => "" };
                await console.WriteLineAsync($"{time.ToLocalTime():HH:mm:ss.fff}  {eventName,-30} {http.Response.StatusCode}  {latency,7:0.0} ms  {signature}{(problem is null ? "" : "  " + problem)}");
            }
            if (capture is not null) await capture.AppendAsync(CapturedDelivery.Create(time, http.Request.Method, suffix, headers, body, http.Response.StatusCode, latency, valid));
        });
        return app;
    }

    private static bool SignatureValid(HttpContext http, byte[] body, string secret)
    {
        var sent = http.Request.Headers[WebhookSigner.Header].ToString();
        return sent.Length > 0 && string.Equals(sent, WebhookSigner.Sign(secret, body), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads through to the request body and keeps a copy of every byte read.</summary>
    private sealed class Tee(Stream inner, long? length) : Stream
    {
        private readonly MemoryStream _copy = new(length is { } n and <= int.MaxValue ? (int)n : 0);

        public byte[] Copy() => _copy.ToArray();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _copy.Length; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await inner.ReadAsync(buffer, ct);
            _copy.Write(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _copy.Write(buffer, offset, read);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public async ValueTask DisposeAsync()
    {
        await _ingress.StopAsync();
        await _page.StopAsync();
        await _ingress.DisposeAsync();
        await _page.DisposeAsync();
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MockWebex.Common;
using MockWebex.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace MockWebex.Tunnel;

/// <summary>
/// `mockwebex relay`: the public side of the tunnel. Webex posts to /hooks/{channel}/...; YARP's
/// IHttpForwarder sends the request, target and bytes unchanged, as one HTTP/2 stream over the
/// WebSocket the channel's `listen` client dialled out (<see cref="TunnelSession"/>). Nothing here
/// shows what passed through: the inspector lives with the client, on its loopback.
/// </summary>
public static class RelayServer
{
    public static WebApplication Build(RelayOptions options, TextWriter log)
    {
        var builder = SlimBuilder.Create();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = options.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port, listen =>
            {
                if (options.UsesTls) listen.UseHttps(X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath));
            });
        });
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<TunnelRegistry>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var app = builder.Build();
        var registry = app.Services.GetRequiredService<TunnelRegistry>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var queue = options.QueueWhenOffline ? new OfflineQueue(options.QueueDirectory, options.QueueLimit) : null;
        // Keep-alive frames stop proxies and NATs from dropping an idle tunnel; the HTTP/2 pings of the
        // session are what notice a dead client.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.PingInterval });

        app.MapGet("/healthz", () => TypedResults.Ok(HealthAnswer.Ok));
        app.Map("/tunnel/{channel}", (HttpContext http, string channel) => AttachAsync(http, channel, options, registry, queue, log, clock));
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var config = new ForwarderRequestConfig
        {
            Version = TunnelProtocol.HttpVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = options.Timeout,
        };
        app.Map("/hooks/{channel}/{**rest}", (HttpContext http, string channel) => ForwardAsync(http, channel, registry, queue, forwarder, config, log, clock));
        return app;
    }

    private static async Task AttachAsync(HttpContext http, string channel, RelayOptions options, TunnelRegistry registry, OfflineQueue? queue, TextWriter log, TimeProvider clock)
    {
        var token = MockWebex.Auth.BearerAuth.TokenOf(http.Request);
        var allowed = token.Length == 0 ? null : options.ChannelsFor(token);
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (allowed is null) { await RefuseAsync(http, 401, $"refused a client from {remote} on channel '{channel}': unknown token", log, clock); return; }
        if (!allowed.Any(pattern => pattern == channel || pattern.EndsWith('*') && channel.StartsWith(pattern[..^1], StringComparison.Ordinal))) { await RefuseAsync(http, 403, $"refused a client from {remote}: its token may not hold channel '{channel}'", log, clock); return; }
        if (!http.WebSockets.IsWebSocketRequest) { await RefuseAsync(http, 400, "expected a WebSocket upgrade", log, clock); return; }
        var clientId = http.Request.Headers[TunnelProtocol.ClientIdHeader].ToString() is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        if (!options.AllowSharing && registry.HeldByAnother(channel, clientId))
        {
            await RefuseAsync(http, 409, $"refused a client from {remote}: channel '{channel}' is held by another client", log, clock);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var session = new TunnelSession(channel, clientId, remote, socket, options);
        if (!await session.TellAsync(TunnelProtocol.Ping, TimeSpan.FromSeconds(10), http.RequestAborted))
        {
            await log.WriteLineAsync($"{Now(clock)}  client from {remote} on '{channel}' did not answer through the tunnel; closed");
            return;
        }
        if (registry.Attach(session, options.AllowSharing) is not { } replaced)
        {
            await log.WriteLineAsync($"{Now(clock)}  refused a client from {remote}: channel '{channel}' is held by another client");
            return;
        }
        foreach (var stale in replaced) stale.Dispose();
        await session.TellAsync(TunnelProtocol.Attached, TimeSpan.FromSeconds(10), http.RequestAborted);
        await log.WriteLineAsync($"{Now(clock)}  client connected    channel '{channel}' from {remote}{(replaced.Count > 0 ? " (took over from its earlier connection)" : "")}");
        if (queue is not null) _ = DrainAsync(channel, session, queue, log, clock);
        try
        {
            await Task.WhenAny(session.Finished, Task.Delay(Timeout.Infinite, http.RequestAborted));
        }
        finally
        {
            registry.Detach(session);
            await log.WriteLineAsync($"{Now(clock)}  client disconnected channel '{channel}' from {remote}");
        }
    }

    private static async Task ForwardAsync(HttpContext http, string channel, TunnelRegistry registry, OfflineQueue? queue, IHttpForwarder forwarder,
        ForwarderRequestConfig config, TextWriter log, TimeProvider clock)
    {
        // Only the relay itself may send the tunnel's ping; from outside it is just removed.
        http.Request.Headers.Remove(TunnelProtocol.PingHeader);
        var target = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var started = clock.GetTimestamp();
        if (queue is not null && (queue.Pending(channel) > 0 || !registry.HasClients(channel)))
        {
            await QueueAsync(http, channel, target, registry, queue, log, clock, started);
            return;
        }
        if (registry.Pick(channel) is not { } session)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync($"no tunnel client is attached to channel '{channel}'");
            await LogDeliveryAsync(log, clock, channel, http, target, started, "no client attached");
            return;
        }
        var error = await forwarder.SendAsync(http, "http://tunnel", session.Invoker, config, ExactTargetTransformer.Tunnel);
        await LogDeliveryAsync(log, clock, channel, http, target, started, error switch
        {
            ForwarderError.None => null,
            ForwarderError.RequestTimedOut => "timed out waiting for the client",
            _ => "tunnel error: " + error,
        });
    }

    private static async Task QueueAsync(HttpContext http, string channel, string target, TunnelRegistry registry, OfflineQueue queue, TextWriter log, TimeProvider clock, long started)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var headers = http.Request.Headers.Where(h => h.Key is not ("Host" or "Content-Length" or "Transfer-Encoding" or "Connection"))
            .ToDictionary(h => h.Key, h => h.Value.ToArray()!, StringComparer.OrdinalIgnoreCase);
        var request = new QueuedRequest(clock.GetUtcNow(), http.Request.Method, target, headers!, body.ToArray());
        bool queued;
        try
        {
            queued = await queue.TryEnqueueAsync(channel, request, http.RequestAborted);
        }
        catch (IOException e)
        {
            // Not stored (a full disk): Webex gets a 503 and counts a failure, as with no queue at all.
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync($"channel '{channel}' has no client and the delivery could not be stored: {e.Message}");
            await LogDeliveryAsync(log, clock, channel, http, target, started, $"could not store it in the offline queue: {e.Message}");
            return;
        }
        if (!queued)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync($"channel '{channel}' has no client and its offline queue is full ({queue.Limit})");
            await LogDeliveryAsync(log, clock, channel, http, target, started, $"offline queue full ({queue.Limit}): refused");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        await LogDeliveryAsync(log, clock, channel, http, target, started, $"queued while offline ({queue.Pending(channel)} waiting)");
        if (registry.Pick(channel) is { } session) _ = DrainAsync(channel, session, queue, log, clock);
    }

    private static async Task DrainAsync(string channel, TunnelSession session, OfflineQueue queue, TextWriter log, TimeProvider clock)
    {
        var answers = new Dictionary<QueuedRequest, string>();
        await queue.DrainAsync(channel, async request =>
        {
            using var message = TunnelSession.NewRequest(new HttpMethod(request.Method), request.Target);
            message.Content = new ByteArrayContent(request.Body);
            foreach (var (name, values) in request.Headers)
                if (!message.Headers.TryAddWithoutValidation(name, values)) message.Content.Headers.TryAddWithoutValidation(name, values);
            try
            {
                var started = clock.GetTimestamp();
                using var response = await session.Invoker.SendAsync(message, CancellationToken.None);
                answers[request] = $"{(int)response.StatusCode}  {clock.GetElapsedTime(started).TotalMilliseconds:0.0} ms";
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                return false; // the client went away: the rest wait for the next one
            }
        },
        // Logged once the delivery has left the queue on disk, so the line means it is done.
        async request =>
        {
            answers.Remove(request, out var answer);
            await log.WriteLineAsync($"{Now(clock)}  {channel,-12} {request.Method} {request.Target} → {answer}  (queued {request.Received.ToLocalTime():HH:mm:ss})");
        });
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message, TextWriter log, TimeProvider clock)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsync(message);
        await log.WriteLineAsync($"{Now(clock)}  {message}");
    }

    private static Task LogDeliveryAsync(TextWriter log, TimeProvider clock, string channel, HttpContext http, string target, long started, string? problem) =>
        log.WriteLineAsync($"{Now(clock)}  {channel,-12} {http.Request.Method} {target} → {http.Response.StatusCode}  {clock.GetElapsedTime(started).TotalMilliseconds:0.0} ms{(problem is null ? "" : "  " + problem)}");

    private static string Now(TimeProvider clock) => clock.GetLocalNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
